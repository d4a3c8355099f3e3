using Comments.Publisher.Manifest;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// The Aspire dashboard in the cluster (--aspire-dashboard, WithDashboard in the AppHost), added to the manifest as a
/// container before publishing, so it gets what every container gets: a hardened pod, a TCP probe, a Service and a
/// NetworkPolicy. Its UI listens on the pod's loopback only, which kubectl port-forward reaches and nothing else does.
/// Apps that name no OTLP endpoint of their own send their telemetry to it, as they do to the dashboard under the
/// AppHost; the policy admits those apps, and only on the OTLP ports.
/// </summary>
public static class AspireDashboard
{
    public const string Name = "aspire-dashboard";
    public const string DefaultImage = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6.5";
    public const int UiPort = 18888;
    private const int OtlpGrpcPort = 18889;
    private const int OtlpHttpPort = 18890;
    private const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string Protocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static AspireManifest AddTo(AspireManifest manifest, string image)
    {
        var dashboard = new ManifestResource(Name, "container.v0")
        {
            Image = image,
            Env =
            [
                Pair("ASPNETCORE_URLS", $"http://localhost:{UiPort}"),
                Pair("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", $"http://0.0.0.0:{OtlpGrpcPort}"),
                Pair("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", $"http://0.0.0.0:{OtlpHttpPort}"),
                // The NetworkPolicy admits only the apps that send to it; the UI asks for the token it logs at start.
                Pair("Dashboard__Otlp__AuthMode", "Unsecured"),
                Pair("Dashboard__Frontend__AuthMode", "BrowserToken"),
            ],
            Bindings =
            [
                new Binding("otlp-grpc", "http", "tcp", "http2", OtlpGrpcPort, OtlpGrpcPort, External: false),
                new Binding("otlp-http", "http", "tcp", "http", OtlpHttpPort, OtlpHttpPort, External: false),
            ],
        };
        return manifest with { Resources = [.. manifest.Resources.Select(SendsToDashboard), dashboard] };
    }

    /// <summary>An app without an OTLP endpoint of its own sends to the port of its protocol (gRPC unless it says http/…).</summary>
    private static ManifestResource SendsToDashboard(ManifestResource resource)
    {
        if (!Workload.IsApp(resource) || resource.Env.Any(e => e.Key == Endpoint))
        {
            return resource;
        }

        var protocol = resource.Env.FirstOrDefault(e => e.Key == Protocol).Value;
        var http = protocol?.StartsWith("http", StringComparison.Ordinal) == true;
        List<KeyValuePair<string, string>> env = [.. resource.Env, Pair(Endpoint, $"{{{Name}.bindings.{(http ? "otlp-http" : "otlp-grpc")}.url}}")];
        if (protocol is null)
        {
            env.Add(Pair(Protocol, "grpc"));
        }

        return resource with { Env = env };
    }

    public static string Note(string? @namespace)
    {
        var kubectl = @namespace is null ? "kubectl" : $"kubectl -n {@namespace}";
        return $"the Aspire dashboard, reachable only through {kubectl} port-forward deployment/{Name} {UiPort} (the login link is in its log: " +
            $"{kubectl} logs deployment/{Name}); apps without an OTLP endpoint of their own send to it";
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => KeyValuePair.Create(key, value);
}
