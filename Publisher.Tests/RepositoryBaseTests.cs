using System.Text;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// deploy/k8s: the committed base is exactly what deploy/k8s/generate-base.sh produces from aspire-manifest.json,
/// and the base and both overlays build with kubectl kustomize into objects that pass a strict schema check.
/// </summary>
public sealed class RepositoryBaseTests : IDisposable
{
    private const string RefreshCommand = "deploy/k8s/generate-base.sh";
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-base-").FullName;

    private string Base => Path.Combine(_directory, "base");

    private async Task GenerateAsync()
    {
        await Tools.GenerateBaseAsync(Base);
        Tools.CopyOverlays(_directory);
    }

    [Fact]
    public async Task The_committed_base_matches_a_fresh_one()
    {
        await GenerateAsync();
        var committed = RepositoryRoot.Combine("deploy", "k8s", "base");

        var differences = new StringBuilder();
        var names = Files(committed).Union(Files(Base)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var before = Path.Combine(committed, name);
            var after = Path.Combine(Base, name);
            if (!File.Exists(before) || !File.Exists(after) || File.ReadAllText(before) != File.ReadAllText(after))
            {
                var diff = await Tools.RunAsync("git", ["diff", "--no-index", "--no-color", File.Exists(before) ? before : "/dev/null", File.Exists(after) ? after : "/dev/null"]);
                differences.AppendLine(diff.Output);
            }
        }

        Assert.True(differences.Length == 0, $"deploy/k8s/base is out of date. Refresh it with:\n  {RefreshCommand}\n\n{differences}");
    }

    [SkippableFact]
    public async Task Base_and_overlays_build_and_every_object_passes_the_strict_schema_check()
    {
        await GenerateAsync();

        foreach (var directory in new[] { "base", "overlays/staging", "overlays/production" })
        {
            var built = await Tools.KustomizeAsync(Path.Combine(_directory, directory));
            var documents = KubernetesDocuments.Split(built);
            Assert.True(documents.Count >= 14, $"{directory}: only {documents.Count} objects");
            foreach (var document in documents)
            {
                var read = KubernetesDocuments.ReadStrict(document);
                Assert.False(string.IsNullOrEmpty(read.Metadata?.Name), $"{directory}: an object without a name:\n{document}");
            }

            if (directory != "base")
            {
                Assert.Contains($"image: {Tools.SampleImage}\n", built, StringComparison.Ordinal);
                Assert.DoesNotContain("image: api\n", built, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Where(n => n != "secrets.env");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
