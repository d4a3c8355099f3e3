using System.Text.RegularExpressions;

namespace Comments.Deploy.Tests;

/// <summary>
/// Api/Dockerfile's build stage, run here without Docker: its COPY sources copied to a fresh context, its exact
/// `dotnet` commands run in order, and the native executable it publishes started and asked the challenge session.
/// The same context also takes the plain <c>dotnet publish -c Release</c> that a developer types first.
/// </summary>
public sealed partial class ContainerImageTests : IDisposable
{
    private const string ImageOutput = "/app/publish";

    /// <summary>The files the final stage copies from the build stage.</summary>
    private static readonly string[] ImageFiles = ["Api", "libe_sqlite3.so", "appsettings.json"];
    private readonly string _context = Directory.CreateTempSubdirectory("comments-image-").FullName;

    [Fact]
    public async Task The_dockerfile_publish_command_produces_a_native_api_that_serves_the_challenge()
    {
        var buildStage = await BuildStageAsync();
        var commands = buildStage.Select(l => DotnetRun().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(2, commands.Length);
        Assert.Contains("-p:PublishAot=true", commands[1], StringComparison.Ordinal);
        CopyContext(buildStage);

        var output = Path.Combine(_context, "out");
        foreach (var command in commands)
        {
            await DotnetAsync(command.Replace(ImageOutput, output, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        var executable = Path.Combine(output, "Api");
        foreach (var file in ImageFiles)
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} was not published");
        }

        Assert.False(File.Exists(Path.Combine(output, "Api.dll")), "expected a native executable, found IL");
        var size = ImageFiles.Sum(f => new FileInfo(Path.Combine(output, f)).Length);
        Console.WriteLine($"Published app size (what the image adds to its base): {size / 1024.0 / 1024.0:F1} MiB");

        var data = Directory.CreateDirectory(Path.Combine(_context, "api-data")).FullName;
        await using var api = await ApiProcess.StartAsync(executable, [], new Dictionary<string, string> { ["Database__SqlitePath"] = Path.Combine(data, "comments.db") }, output);
        using var client = api.CreateClient();
        Assert.Contains("\"status\":\"UP\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        await ChallengeSession.ReplayAsync(client);
    }

    [Fact]
    public async Task The_plain_release_publish_a_developer_types_first_succeeds()
    {
        CopyContext(await BuildStageAsync());

        await DotnetAsync("publish", "Api/Api.csproj", "-c", "Release");

        var published = Directory.GetFiles(Path.Combine(_context, "Api", "bin", "Release"), "Api", SearchOption.AllDirectories);
        Assert.Contains(published, path => path.EndsWith(Path.Combine("publish", "Api"), StringComparison.Ordinal));
    }

    private static async Task<string[]> BuildStageAsync()
    {
        var dockerfile = await File.ReadAllLinesAsync(RepositoryRoot.Combine("Api", "Dockerfile"));
        return dockerfile.TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal) || l.Contains(" AS build", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>The build stage's COPY sources, into the fresh context.</summary>
    private void CopyContext(string[] buildStage)
    {
        foreach (var source in buildStage.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]))
        {
            Copy(RepositoryRoot.Combine(source.TrimEnd('/')), Path.Combine(_context, source.TrimEnd('/')));
        }
    }

    private async Task DotnetAsync(params string[] arguments)
    {
        var run = await ProcessRunner.RunAsync("dotnet", arguments, _context, timeout: TimeSpan.FromMinutes(10));
        Assert.True(run.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{run.Output}\n{run.Error}");
    }

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }

        // What .dockerignore keeps out of the context.
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar) is var parts && parts.Any(p => p is "bin" or "obj" or "data"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    [GeneratedRegex(@"^RUN dotnet (.+)$")]
    private static partial Regex DotnetRun();

    public void Dispose() => Directory.Delete(_context, recursive: true);
}
