using Comments.Publisher.Kubernetes;

namespace Comments.AppHost;

/// <summary>
/// What the cluster gets besides the app model (aspire publish -o deploy/k8s writes deploy/k8s/base; aspire deploy
/// applies deploy/k8s/overlays/&lt;overlay&gt;): the api's probes, metrics, host and dashboard, and PostgreSQL as a
/// CloudNativePG Cluster for the overlays that include it (production).
/// </summary>
internal static class Kubernetes
{
    public const string Dashboard = "observability/grafana/dashboards/comments-api.json";

    public static void AddKubernetes(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, IResourceBuilder<PostgresServerResource> postgres)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        // The overlays rename the namespace (comments, comments-staging); every pod of the base meets restricted.
        builder.AddKubernetesEnvironment("k8s")
            .WithNamespace("comments")
            .WithPodSecurity(PodSecurityLevel.Restricted)
            .WithOverlay(builder.AddParameter("overlay").ExcludeFromManifest());

        // Readiness comes from WithHttpHealthCheck("/health") in Program.cs; ServiceDefaults maps /alive in every environment.
        // WithHttpProbe registers a health check per path, so the startup probe on the same path is added as an annotation.
        api.WithHttpProbe(ProbeType.Liveness, "/alive", endpointName: "http")
            .WithAnnotation(new EndpointProbeAnnotation { Type = ProbeType.Startup, Path = "/alive", EndpointReference = api.GetEndpoint("http") })
            .WithPrometheusScrape("/metrics")
            .WithKubernetesIngressHost("comments.example.com") // the overlays set each deployment's host
            .WithGrafanaDashboard(Dashboard);

        postgres.PublishAsCloudNativePG();
    }
}
