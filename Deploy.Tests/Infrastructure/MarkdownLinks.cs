using System.Text;
using System.Text.RegularExpressions;

namespace Comments.Deploy.Tests.Infrastructure;

/// <summary>
/// The relative links of Markdown files (inline <c>[text](target)</c> and reference <c>[label]: target</c>), outside
/// code, and whether each target exists: the file or folder, and for a heading anchor in a Markdown file, the heading.
/// </summary>
public static partial class MarkdownLinks
{
    public sealed record Link(string File, int Line, string Target);

    private static readonly string[] IgnoredFolders = ["bin", "obj", "node_modules", ".git", "TestResults", "BenchmarkDotNet.Artifacts"];

    public static IEnumerable<string> FilesUnder(string root) =>
        Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(IgnoredFolders.Contains))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<Link> RelativeLinks(string file)
    {
        var inFence = false;
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            var text = InlineCode().Replace(line, "");
            foreach (var match in InlineLink().Matches(text).Concat(ReferenceLink().Matches(text)))
            {
                var target = match.Groups["target"].Value.Trim('<', '>');
                if (!UriScheme().IsMatch(target))
                {
                    yield return new Link(file, i + 1, target);
                }
            }
        }
    }

    /// <summary>Null when the target exists; otherwise what is missing.</summary>
    public static string? Problem(Link link, string root)
    {
        var (path, anchor) = link.Target.Split('#', 2) is [var p, var a] ? (p, a) : (link.Target, null);
        var resolved = path.Length == 0
            ? link.File
            : path.StartsWith('/')
                ? Path.Combine(root, Uri.UnescapeDataString(path.TrimStart('/')))
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(link.File)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return $"{Path.GetRelativePath(root, resolved)} does not exist";
        }

        if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(resolved).Contains(anchor))
        {
            return $"{Path.GetRelativePath(root, resolved)} has no heading for #{anchor}";
        }

        return null;
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.</summary>
    public static ISet<string> Anchors(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(markdownFile))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && Heading().Match(line) is { Success: true } heading)
            {
                var slug = new StringBuilder();
                foreach (var c in heading.Groups["title"].Value.Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c) || c is '-' or '_')
                    {
                        slug.Append(c);
                    }
                    else if (c == ' ')
                    {
                        slug.Append('-');
                    }
                }

                var anchor = slug.ToString();
                for (var n = 1; !anchors.Add(anchor); n++)
                {
                    anchor = $"{slug}-{n}";
                }
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target><[^>]+>|[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+(?<target>\S+)")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
