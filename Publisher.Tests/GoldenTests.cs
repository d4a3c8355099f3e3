using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// The synthetic manifest (every resource type, binding property and expression form) against committed golden
/// files. After an intended change, refresh them with UPDATE_GOLDEN=1 dotnet test Publisher.Tests and review the diff.
/// </summary>
public sealed class GoldenTests
{
    public static readonly PublisherOptions EverythingOptions = new()
    {
        Parameters = new Dictionary<string, string> { ["region"] = "eu-west-1" },
        RunAs = new Dictionary<string, long> { ["db"] = 999, ["cache"] = 999 },
        Hosts = new Dictionary<string, string> { ["web"] = "web.example.org" },
        Dashboards = [KeyValuePair.Create("web.json", """{"title":"Web"}""")],
    };

    public static PublishResult PublishEverything(IReadOnlyDictionary<string, string>? secrets = null) =>
        KubernetesPublisher.Publish(
            ManifestReader.Parse(File.ReadAllText(TestPaths.Manifest("everything.json")), "everything.json"), EverythingOptions, secrets);

    [Fact]
    public void The_synthetic_manifest_matches_its_golden_files()
    {
        var result = PublishEverything();
        var golden = TestPaths.Repo("Publisher.Tests", "Golden", "everything");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(golden))
            {
                Directory.Delete(golden, recursive: true);
            }

            Directory.CreateDirectory(golden);
            foreach (var file in result.Files)
            {
                File.WriteAllText(Path.Combine(golden, file.Name), file.Content);
            }
        }

        Assert.Equal(
            Directory.GetFiles(golden).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            result.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var file in result.Files)
        {
            Assert.True(
                File.ReadAllText(Path.Combine(golden, file.Name)) == file.Content,
                $"{file.Name} differs from its golden file; run UPDATE_GOLDEN=1 dotnet test Publisher.Tests and review the diff.");
        }
    }

    [Fact]
    public void The_synthetic_manifest_covers_every_kind_of_output()
    {
        var result = PublishEverything();
        var names = result.Files.Select(f => f.Name).ToArray();

        string[] expected =
        [
            "web-deployment.yaml", "web-service.yaml", "web-horizontalpodautoscaler.yaml", "web-poddisruptionbudget.yaml", "web-servicemonitor.yaml", "web-ingress.yaml",
            "worker-deployment.yaml", "worker-horizontalpodautoscaler.yaml",
            "db-statefulset.yaml", "db-headless-service.yaml", "db-service.yaml",
            "cache-deployment.yaml", "cache-service.yaml",
            "default-deny-ingress-networkpolicy.yaml", "db-ingress-networkpolicy.yaml", "cache-ingress-networkpolicy.yaml", "worker-ingress-networkpolicy.yaml", "web-ingress-networkpolicy.yaml",
            "grafana-dashboard-web-configmap.yaml", "kustomization.yaml",
        ];
        Assert.Empty(expected.Except(names));
        Assert.Contains(result.Warnings, w => w.Contains("'tool' (executable.v0) skipped", StringComparison.Ordinal));
        Assert.Equal(["api-key", "cache-password", "db-password", "db-password-encoded", "token"], SecretsEnvFile.Parse(result.SecretsFileText!, "s").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_golden_object_reads_strictly_as_its_kubernetes_type()
    {
        foreach (var file in PublishEverything().Files.Where(f => f.Name != Publishing.KubernetesPublisher.KustomizationFile))
        {
            var read = KubernetesDocuments.ReadStrict(file.Content);
            Assert.Equal(Path.GetFileNameWithoutExtension(file.Name), $"{read.Metadata.Name}-{read.Kind.ToLowerInvariant()}");
        }
    }
}
