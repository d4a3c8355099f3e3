using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// The synthetic manifest (every resource type, binding property and expression form) against committed golden
/// files. After an intended change, refresh them with UPDATE_GOLDEN=1 dotnet test Publisher.Tests --filter GoldenTests (refused under CI) and review the diff.
/// </summary>
public sealed class GoldenTests
{
    public static readonly PublisherOptions EverythingOptions = new()
    {
        Parameters = new Dictionary<string, string> { ["region"] = "eu-west-1" },
        Resources = new Dictionary<string, ResourceOptions>
        {
            ["web"] = new()
            {
                Host = "web.example.org",
                HttpProbes = [new(ProbeKind.Readiness, "/health"), new(ProbeKind.Liveness, "/alive"), new(ProbeKind.Startup, "/alive")],
                MetricsPath = "/metrics",
            },
            ["worker"] = new() { RunAs = 1000 },
        },
        Dashboards = [KeyValuePair.Create("web.json", """{"title":"Web"}""")],
    };

    public static PublishResult PublishEverything(IReadOnlyDictionary<string, string>? secrets = null) =>
        KubernetesPublisher.Publish(
            ManifestReader.Parse(File.ReadAllText(TestManifests.PathOf("everything.json")), "everything.json"), EverythingOptions, secrets);

    private const string UpdateVariable = "UPDATE_GOLDEN";
    private static readonly string Golden = RepositoryRoot.Combine("Publisher.Tests", "Golden", "everything");

    [Fact]
    public void The_synthetic_manifest_matches_its_golden_files()
    {
        var result = PublishEverything();
        if (Regeneration.Requested(UpdateVariable))
        {
            if (Directory.Exists(Golden))
            {
                Directory.Delete(Golden, recursive: true);
            }

            Directory.CreateDirectory(Golden);
            foreach (var file in result.Files)
            {
                File.WriteAllText(Path.Combine(Golden, file.Name), file.Content);
            }

            return;
        }

        Assert.Equal(
            Directory.GetFiles(Golden).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            result.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var file in result.Files)
        {
            Assert.True(
                File.ReadAllText(Path.Combine(Golden, file.Name)) == file.Content,
                $"{file.Name} differs from its golden file; run {UpdateVariable}=1 dotnet test Publisher.Tests --filter GoldenTests and review the diff.");
        }
    }

    [Fact]
    public void The_synthetic_manifest_covers_every_kind_of_output()
    {
        var manifest = ManifestReader.Parse(File.ReadAllText(TestManifests.PathOf("everything.json")), "everything.json");
        var result = PublishEverything();

        // Every resource kind the reader knows, except the preview forms it refuses.
        Assert.Equal(
            Enum.GetValues<ResourceKind>().Where(k => k is not ResourceKind.Preview).Order(),
            manifest.Resources.Select(r => r.Kind).Distinct().Order());

        // Every kind of object, and every object of each resource kind: app (Deployment, Service, HPA, PDB,
        // ServiceMonitor, Ingress), Dockerfile build, stateful container, stateless container, policies, dashboard.
        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceMonitor", "StatefulSet"],
            result.Files.Where(f => f.Name != KubernetesPublisher.KustomizationFile).Select(f => KubernetesDocuments.ReadStrict(f.Content).Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "cache-deployment.yaml", "cache-ingress-networkpolicy.yaml", "cache-service.yaml",
                "db-headless-service.yaml", "db-ingress-networkpolicy.yaml", "db-service.yaml", "db-statefulset.yaml",
                "default-deny-ingress-networkpolicy.yaml", "grafana-dashboard-web-configmap.yaml", "kustomization.yaml",
                "web-deployment.yaml", "web-horizontalpodautoscaler.yaml", "web-ingress-networkpolicy.yaml", "web-ingress.yaml",
                "web-poddisruptionbudget.yaml", "web-service.yaml", "web-servicemonitor.yaml",
                "worker-deployment.yaml", "worker-horizontalpodautoscaler.yaml", "worker-ingress-networkpolicy.yaml",
                "worker-poddisruptionbudget.yaml", "worker-service.yaml",
            ],
            result.Files.Select(f => f.Name).Order(StringComparer.Ordinal));

        // Every expression form, and every shape of environment value: literal, escaped "$(", whole secret, composed secret.
        var text = File.ReadAllText(TestManifests.PathOf("everything.json"));
        foreach (var form in new[] { ".bindings.http.url}", ".host}", ".port}", ".targetPort}", ".scheme}", ".connectionString}", ".value}", ".inputs.value}" })
        {
            Assert.Contains(form, text, StringComparison.Ordinal);
        }

        var web = result.Files.Single(f => f.Name == "web-deployment.yaml").Content;
        Assert.Contains("$$(not a variable)", web, StringComparison.Ordinal);
        Assert.Contains("secretKeyRef", web, StringComparison.Ordinal);
        Assert.Matches(@"value: postgres://app:\$\(SECRET_[A-Z_]+\)@db:5432/app", web);

        // Every port protocol and application protocol, and the shutdown timeout the grace period counts on.
        Assert.Contains("protocol: UDP", result.Files.Single(f => f.Name == "cache-service.yaml").Content, StringComparison.Ordinal);
        Assert.Contains("appProtocol: kubernetes.io/h2c", result.Files.Single(f => f.Name == "worker-service.yaml").Content, StringComparison.Ordinal);
        Assert.Contains($"- name: {WorkloadBuilder.ShutdownTimeoutVariable}\n          value: \"30\"", web, StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 40", web, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkloadBuilder.ShutdownTimeoutVariable, result.Files.Single(f => f.Name == "worker-deployment.yaml").Content, StringComparison.Ordinal);

        // A workload that names itself (WEB_HTTPS) reaches itself through a host alias, as on a container network.
        Assert.Contains("hostAliases:\n      - hostnames:\n        - web\n        ip: 127.0.0.1", web, StringComparison.Ordinal);

        // Every note and warning the publisher gives.
        var notes = string.Join("\n", result.Summary.Select(s => s.Notes));
        Assert.Contains("https binding left out", notes, StringComparison.Ordinal);
        Assert.Contains("bind mount /etc/redis/redis.conf left out", notes, StringComparison.Ordinal);
        Assert.Contains("image placeholder 'worker' for worker/Dockerfile", notes, StringComparison.Ordinal);
        Assert.Contains("resolved into the workloads that use it", notes, StringComparison.Ordinal);
        Assert.Contains("left out: an executable runs on a developer machine", notes, StringComparison.Ordinal);
        Assert.Contains("external: not deployed; fill before deploy: storage.outputs.blobEndpoint", notes, StringComparison.Ordinal);
        Assert.Contains("Dapr sidecar of 'web'", notes, StringComparison.Ordinal);
        Assert.Contains("create the Dapr component 'state' (state)", notes, StringComparison.Ordinal);
        Assert.Contains("env services__web__https__0 left out", notes, StringComparison.Ordinal);
        Assert.Contains("env WEB_HTTPS: web's https binding is served by http", notes, StringComparison.Ordinal);
        Assert.Equal(["storage.outputs.blobEndpoint"], result.FillBeforeDeploy);
        Assert.Equal(["api-key", "cache-password", "db-password", "db-password-encoded", "storage.outputs.blobEndpoint", "token"], SecretsEnvFile.Parse(result.SecretsFileText!, "s").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_golden_object_reads_strictly_as_its_kubernetes_type()
    {
        var files = Directory.GetFiles(Golden, "*.yaml").Where(f => Path.GetFileName(f) != KubernetesPublisher.KustomizationFile).ToArray();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var read = KubernetesDocuments.ReadStrict(File.ReadAllText(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), $"{read.Metadata.Name}-{read.Kind.ToLowerInvariant()}");
        }
    }
}
