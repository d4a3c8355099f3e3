namespace Comments.AppHost;

/// <summary>
/// Jaeger, Prometheus and Grafana next to the api. Locally, traces go to the Aspire dashboard (Aspire's own
/// OTLP settings) and are mirrored to Jaeger (Telemetry:TraceMirrorEndpoint); Prometheus scrapes /metrics and
/// Grafana reads both. Published, none of them is deployed: the api sends traces to the platform's collector (the
/// parameter otlp-traces-endpoint, by default the Jaeger that Terraform installs in namespace observability), and
/// kube-prometheus-stack scrapes the metrics and shows the same dashboard; logs are read from stdout.
/// </summary>
internal static class Observability
{
    // Pinned versions: a dashboard that works today keeps working after an image is re-tagged.
    public const string JaegerImage = "jaegertracing/jaeger";
    public const string JaegerTag = "2.9.0";
    public const string PrometheusImage = "prom/prometheus";
    public const string PrometheusTag = "v3.5.0";
    public const string GrafanaImage = "grafana/grafana";
    public const string GrafanaTag = "12.1.1";

    /// <summary>The OTLP/gRPC endpoint of Terraform's Jaeger (deploy/terraform, output jaeger_otlp_endpoint).</summary>
    public const string PlatformCollector = "http://jaeger.observability.svc.cluster.local:4317";

    public static void AddObservability(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Traces only: Jaeger has no metrics or logs pipeline (exports of them would fail every interval).
            var collector = builder.AddParameter("otlp-traces-endpoint", PlatformCollector, publishValueAsDefault: true);
            api.WithEnvironment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
            return;
        }

        var jaeger = builder.AddContainer("jaeger", JaegerImage, JaegerTag)
            .WithHttpEndpoint(targetPort: 16686, name: "http")
            .WithEndpoint(targetPort: 4317, name: "otlp-grpc", scheme: "http")
            .WithHttpEndpoint(targetPort: 4318, name: "otlp-http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Jaeger UI")
            .WithUrlForEndpoint("otlp-grpc", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithUrlForEndpoint("otlp-http", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);

        api.WithEnvironment("Telemetry__TraceMirrorEndpoint", jaeger.GetEndpoint("otlp-http"));

        var prometheus = builder.AddContainer("prometheus", PrometheusImage, PrometheusTag)
            .WithBindMount("observability/prometheus", "/etc/prometheus", isReadOnly: true)
            .WithArgs("--config.file=/etc/prometheus/prometheus.yml", "--web.enable-lifecycle")
            // Linux engines need this for host.docker.internal, where the api listens.
            .WithContainerRuntimeArgs("--add-host=host.docker.internal:host-gateway")
            .WithHttpEndpoint(targetPort: 9090, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Prometheus")
            .WaitFor(api);

        builder.AddContainer("grafana", GrafanaImage, GrafanaTag)
            .WithBindMount("observability/grafana/provisioning", "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount("observability/grafana/dashboards", "/var/lib/grafana/dashboards", isReadOnly: true)
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithEnvironment("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", "/var/lib/grafana/dashboards/comments-api.json")
            .WithHttpEndpoint(targetPort: 3000, name: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "Grafana: Comments API dashboard")
            .WaitFor(prometheus)
            .WaitFor(jaeger);
    }
}
