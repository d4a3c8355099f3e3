using System.Text.RegularExpressions;

namespace Comments.AppHost.Tests;

/// <summary>The run-mode application model with containers: what F5 starts where Docker is available.</summary>
public sealed partial class ApplicationModelTests
{
    [Fact]
    public async Task Jaeger_prometheus_and_grafana_are_pinned_with_their_endpoints_and_wired_to_the_api()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--AppHost:Containers=true"]);
        var resources = appHost.Resources.ToDictionary(r => r.Name);

        Assert.Equal(Endpoints(resources["jaeger"]), new Dictionary<string, int?> { ["http"] = 16686, ["otlp-grpc"] = 4317, ["otlp-http"] = 4318 });
        Assert.Equal(Endpoints(resources["prometheus"]), new Dictionary<string, int?> { ["http"] = 9090 });
        Assert.Equal(Endpoints(resources["grafana"]), new Dictionary<string, int?> { ["http"] = 3000 });
        foreach (var name in new[] { "jaeger", "prometheus", "grafana", "postgres" })
        {
            Assert.True(resources[name].TryGetLastAnnotation<ContainerImageAnnotation>(out var image), $"{name} has no image");
            Assert.Matches(PinnedTag(), image.Tag);
        }

        // Traces: the api keeps Aspire's OTLP export to the dashboard and mirrors traces to Jaeger's OTLP/HTTP receiver.
        var environment = await EnvironmentOf(resources["api"]);
        var mirror = Assert.IsType<EndpointReference>(environment["Telemetry__TraceMirrorEndpoint"]);
        Assert.Equal(("jaeger", "otlp-http"), (mirror.Resource.Name, mirror.EndpointName));

        // Metrics: Prometheus gets the repo's config, which scrapes /metrics on the api's launch-profile port.
        var api = Assert.IsType<ProjectResource>(resources["api"]);
        var apiHttp = api.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");
        var mount = resources["prometheus"].Annotations.OfType<ContainerMountAnnotation>().Single();
        Assert.Equal(RepositoryRoot.Combine("AppHost", "observability", "prometheus"), mount.Source);
        var scrapeConfig = await File.ReadAllTextAsync(Path.Combine(mount.Source!, "prometheus.yml"));
        Assert.Contains("metrics_path: /metrics", scrapeConfig, StringComparison.Ordinal);
        Assert.Contains($"host.docker.internal:{apiHttp.Port}", scrapeConfig, StringComparison.Ordinal);

        // Grafana: provisioning and dashboards from the repo, anonymous read-only access.
        var grafanaMounts = resources["grafana"].Annotations.OfType<ContainerMountAnnotation>().Select(m => m.Source).ToArray();
        Assert.Contains(RepositoryRoot.Combine("AppHost", "observability", "grafana", "provisioning"), grafanaMounts);
        Assert.Contains(RepositoryRoot.Combine("AppHost", "observability", "grafana", "dashboards"), grafanaMounts);
        var grafanaEnvironment = await EnvironmentOf(resources["grafana"]);
        Assert.Equal("true", grafanaEnvironment["GF_AUTH_ANONYMOUS_ENABLED"]);
        Assert.Equal("Viewer", grafanaEnvironment["GF_AUTH_ANONYMOUS_ORG_ROLE"]);

        // The api waits for its database.
        Assert.Contains(api.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "comments");
    }

    [Fact]
    public async Task Without_containers_only_the_api_remains()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--AppHost:Containers=false"]);

        Assert.Equal(["api"], appHost.Resources.Where(r => r is ProjectResource or ContainerResource).Select(r => r.Name));
    }

    [Fact]
    public async Task An_existing_database_replaces_the_postgres_container()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--AppHost:Containers=true", "--ConnectionStrings:comments=Host=db.example;Database=comments"]);
        var names = appHost.Resources.Select(r => r.Name).ToArray();

        Assert.DoesNotContain("postgres", names);
        Assert.Contains(appHost.Resources, r => r.Name == "comments" && r is IResourceWithConnectionString and not ContainerResource);
    }

    private static Dictionary<string, int?> Endpoints(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name, e => e.TargetPort);

    private static async Task<Dictionary<string, object>> EnvironmentOf(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables.ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    [GeneratedRegex(@"^v?\d+\.\d+(\.\d+)?$")]
    private static partial Regex PinnedTag();
}
