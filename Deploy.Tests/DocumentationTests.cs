using Comments.Deploy.Tests.Infrastructure;

namespace Comments.Deploy.Tests;

/// <summary>The Markdown of the repository: links that lead somewhere, and a README that stays a front door.</summary>
public sealed class DocumentationTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("comments-docs-").FullName;

    [Fact]
    public void Every_relative_link_in_the_markdown_points_at_something_that_exists()
    {
        var links = MarkdownLinks.FilesUnder(RepositoryRoot.Path).SelectMany(MarkdownLinks.RelativeLinks).ToList();
        var broken = links
            .Select(link => (link, problem: MarkdownLinks.Problem(link, RepositoryRoot.Path)))
            .Where(x => x.problem is not null)
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot.Path, x.link.File)}:{x.link.Line}: ({x.link.Target}) {x.problem}")
            .ToList();

        Assert.True(links.Count > 50, $"only {links.Count} relative links found: is the link reader still finding them?");
        Assert.True(broken.Count == 0, $"{broken.Count} broken links:\n{string.Join("\n", broken)}");
    }

    [Fact]
    public void The_link_check_finds_a_missing_file_and_a_missing_heading()
    {
        File.WriteAllText(Path.Combine(_scratch, "guide.md"), "# Guide\n\n## Set it up\n");
        File.WriteAllText(Path.Combine(_scratch, "README.md"), """
            See [the guide](guide.md#set-it-up), [a gone page](docs/gone.md), [a gone heading](guide.md#tear-down),
            [the web](https://example.com/x.md) and `[code](not/a/link.md)`.

            ```
            [fenced](also/not/a/link.md)
            ```

            [ref]: ./missing.md
            """);

        var problems = MarkdownLinks.RelativeLinks(Path.Combine(_scratch, "README.md"))
            .Select(link => MarkdownLinks.Problem(link, _scratch))
            .ToList();

        Assert.Equal([null, "docs/gone.md does not exist", "guide.md has no heading for #tear-down", "missing.md does not exist"], problems);
    }

    [Fact]
    public void The_readme_is_a_front_door_with_the_two_commands_on_its_first_screen()
    {
        var readme = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        var firstScreen = string.Join('\n', readme.Take(40));

        Assert.True(readme.Length <= 150, $"README.md has {readme.Length} lines; details belong in docs/.");
        Assert.Contains("dotnet run --project AppHost", firstScreen, StringComparison.Ordinal);
        Assert.Contains("dotnet test App.sln", firstScreen, StringComparison.Ordinal);
        Assert.Contains("```mermaid", readme);
    }

    [Fact]
    public void The_performance_page_keeps_the_latest_results_and_the_log_keeps_the_history()
    {
        var page = File.ReadAllLines(RepositoryRoot.Combine("docs", "performance.md"));
        Assert.True(page.Length <= 110, $"docs/performance.md has {page.Length} lines; dated runs belong in docs/performance-log.md.");

        var dates = File.ReadLines(RepositoryRoot.Combine("docs", "performance-log.md"))
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => l[3..13])
            .ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d));
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
