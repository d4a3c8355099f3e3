using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests;

/// <summary>
/// The Aspire dashboard in the cluster (--aspire-dashboard, WithDashboard): its UI on the pod's loopback only, its OTLP
/// ports open to the apps that send to it and to nothing else. Pure: the publish result, not files.
/// </summary>
public sealed class AspireDashboardTests
{
    // A .NET app with no telemetry settings, a Node app that speaks OTLP over HTTP, a worker with its own collector, Redis.
    private const string Manifest = """
        {
          "resources": {
            "cache": { "type": "container.v0", "image": "docker.io/library/redis:8.2", "bindings": { "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 6379 } } },
            "api": { "type": "project.v0", "path": "../Api/Api.csproj", "env": { "ConnectionStrings__cache": "{cache.bindings.tcp.host}:{cache.bindings.tcp.port}" },
                     "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } } },
            "web": { "type": "dockerfile.v0", "path": "../web/Dockerfile", "context": "../web", "env": { "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "PORT": "3000" },
                     "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 3000, "external": true } } },
            "worker": { "type": "project.v0", "path": "../Worker/Worker.csproj", "env": { "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector.observability:4317" } }
          }
        }
        """;

    private static PublishResult Publish(string? image) =>
        KubernetesPublisher.Publish(ManifestReader.Parse(Manifest, "dashboard.json"), new PublisherOptions { Namespace = "newsroom", AspireDashboardImage = image });

    private static T Read<T>(PublishResult result, string name) => KubernetesYaml.Deserialize<T>(result.Files.Single(f => f.Name == name).Content, strict: true);

    private static Dictionary<string, string> Env(PublishResult result, string resource) =>
        Read<V1Deployment>(result, $"{resource}-deployment.yaml").Spec.Template.Spec.Containers[0].Env?.ToDictionary(e => e.Name, e => e.Value) ?? [];

    [Fact]
    public void The_ui_listens_on_the_pods_loopback_only_and_the_service_carries_the_otlp_ports()
    {
        var result = Publish(AspireDashboard.DefaultImage);

        var container = Read<V1Deployment>(result, "aspire-dashboard-deployment.yaml").Spec.Template.Spec.Containers.Single();
        Assert.Equal(AspireDashboard.DefaultImage, container.Image);
        Assert.Equal("http://localhost:18888", container.Env.Single(e => e.Name == "ASPNETCORE_URLS").Value);
        Assert.Equal("BrowserToken", container.Env.Single(e => e.Name == "Dashboard__Frontend__AuthMode").Value);
        Assert.Equal([18889, 18890], container.Ports.Select(p => p.ContainerPort));
        Assert.Equal("otlp-grpc", container.ReadinessProbe.TcpSocket.Port.Value);
        var service = Read<V1Service>(result, "aspire-dashboard-service.yaml");
        Assert.Equal([18889, 18890], service.Spec.Ports.Select(p => p.Port));
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.DoesNotContain(result.Files, f => f.Name.StartsWith("aspire-dashboard-", StringComparison.Ordinal) && f.Name.EndsWith("-ingress.yaml", StringComparison.Ordinal));
        Assert.Equal(1654, Read<V1Deployment>(result, "aspire-dashboard-deployment.yaml").Spec.Template.Spec.SecurityContext.RunAsUser);
        Assert.Contains("kubectl -n newsroom port-forward deployment/aspire-dashboard 18888", result.Summary.Single(s => s.Resource == AspireDashboard.Name).Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Apps_without_an_otlp_endpoint_send_to_it_on_their_protocols_port_and_only_they_are_admitted()
    {
        var result = Publish(AspireDashboard.DefaultImage);

        Assert.Equal(("http://aspire-dashboard:18889", "grpc"), (Env(result, "api")["OTEL_EXPORTER_OTLP_ENDPOINT"], Env(result, "api")["OTEL_EXPORTER_OTLP_PROTOCOL"]));
        Assert.Equal(("http://aspire-dashboard:18890", "http/protobuf"), (Env(result, "web")["OTEL_EXPORTER_OTLP_ENDPOINT"], Env(result, "web")["OTEL_EXPORTER_OTLP_PROTOCOL"]));
        Assert.Equal("http://collector.observability:4317", Env(result, "worker")["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", Env(result, "cache").Keys);

        var rules = Read<V1NetworkPolicy>(result, "aspire-dashboard-ingress-networkpolicy.yaml").Spec.Ingress
            .Select(r => (From: string.Join(",", r.FromProperty.Select(p => p.PodSelector.MatchLabels[Names.NameLabel])), Port: r.Ports.Single().Port.Value))
            .ToList();
        Assert.Equal([("api", "18889"), ("web", "18890")], rules);
    }

    [Fact]
    public void Without_the_setting_nothing_of_it_is_emitted_and_no_app_is_pointed_at_it()
    {
        var result = Publish(image: null);

        Assert.DoesNotContain(result.Files, f => f.Name.StartsWith("aspire-dashboard", StringComparison.Ordinal));
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", Env(result, "api").Keys);
    }

    [Fact]
    public void A_resource_of_the_same_name_is_refused()
    {
        var manifest = ManifestReader.Parse(Manifest.Replace("\"cache\":", "\"aspire-dashboard\":", StringComparison.Ordinal).Replace("{cache.", "{aspire-dashboard.", StringComparison.Ordinal), "dashboard.json");

        var error = Assert.Throws<PublishException>(() => KubernetesPublisher.Publish(manifest, new PublisherOptions { AspireDashboardImage = AspireDashboard.DefaultImage }));

        Assert.Contains("resource 'aspire-dashboard' has the name of the Aspire dashboard that --aspire-dashboard (WithDashboard in the AppHost) adds: rename the resource", error.Message, StringComparison.Ordinal);
    }
}
