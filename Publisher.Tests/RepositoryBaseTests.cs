using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// deploy/k8s: the committed base is exactly what aspire publish writes from the AppHost, and what the manifest route
/// writes with the same options; the base and both overlays build with kubectl kustomize into objects that pass a
/// strict schema check.
/// </summary>
public sealed class RepositoryBaseTests : IDisposable
{
    private static readonly string Committed = RepositoryRoot.Combine("deploy", "k8s", "base");
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-base-").FullName;

    [SkippableFact]
    public async Task Aspire_publish_writes_the_committed_base()
    {
        var output = Path.Combine(_directory, "published");
        await Tools.AspirePublishAsync(output);

        var differences = await Tools.DifferencesAsync(Committed, Path.Combine(output, "base"));
        Assert.True(differences.Length == 0, $"deploy/k8s/base is out of date. Refresh it with:\n  {Tools.RefreshCommand}\n\n{differences}");
        Assert.True(File.Exists(Path.Combine(output, "base", "secrets.env")), "aspire publish wrote no secrets.env");
    }

    [Fact]
    public async Task The_manifest_route_with_the_same_options_writes_the_same_base()
    {
        var output = Path.Combine(_directory, "manifest-route");
        await Tools.ManifestRouteAsync(output);

        var differences = await Tools.DifferencesAsync(Committed, output);
        Assert.True(differences.Length == 0, $"aspire-manifest.json with Tools.ManifestRouteOptions gives another base than the AppHost's options " +
            $"(AppHost/Kubernetes.cs): the two front doors disagree, or aspire-manifest.json is stale.\n\n{differences}");
    }

    [SkippableFact]
    public async Task Base_and_overlays_build_and_every_object_passes_the_strict_schema_check()
    {
        Tools.CopyCommittedBase(_directory);
        Tools.CopyOverlays(_directory);

        foreach (var (directory, @namespace) in new[] { ("base", "comments"), ("overlays/staging", "comments-staging"), ("overlays/production", "comments") })
        {
            var built = await Tools.KustomizeAsync(Path.Combine(_directory, directory));
            var documents = KubernetesDocuments.Split(built);
            Assert.True(documents.Count >= 14, $"{directory}: only {documents.Count} objects");
            var objects = documents.Select(KubernetesDocuments.ReadStrict).ToList();
            Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Metadata?.Name), $"{directory}: an object without a name ({o.Kind})"));

            // The base creates its namespace enforcing restricted (AppHost/Kubernetes.cs); each overlay renames it.
            var created = Assert.Single(objects, o => o.Kind == "Namespace");
            Assert.Equal(@namespace, created.Metadata.Name);
            Assert.Equal("restricted", created.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
            Assert.All(objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal(@namespace, o.Metadata.NamespaceProperty));

            if (directory != "base")
            {
                Assert.Contains($"image: {Tools.SampleImage}\n", built, StringComparison.Ordinal);
                Assert.DoesNotContain("image: api\n", built, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
