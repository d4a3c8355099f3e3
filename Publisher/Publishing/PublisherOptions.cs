using Comments.Publisher.Kubernetes;

namespace Comments.Publisher.Publishing;

/// <summary>What the publisher emits besides what the manifest says. Every option has a production-minded default.</summary>
public sealed record PublisherOptions
{
    /// <summary>Namespace written into kustomization.yaml; null leaves it to overlays.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// The Pod Security Standard the namespace enforces: when set, the base creates <see cref="Namespace"/> labelled with
    /// it (an overlay's namespace renames it). Null leaves the namespace, and its level, to the overlays.
    /// </summary>
    public PodSecurityLevel? PodSecurity { get; init; }

    /// <summary>Image of the Aspire dashboard to run in the cluster (<see cref="AspireDashboard"/>); null runs none.</summary>
    public string? AspireDashboardImage { get; init; }

    /// <summary>Name of the Secret generated from the secrets env file.</summary>
    public string SecretName { get; init; } = "aspire-secrets";

    /// <summary>File name of the git-ignored env file that feeds the Secret.</summary>
    public string SecretsFile { get; init; } = "secrets.env";

    /// <summary>What the manifest cannot say about each resource, by resource name.</summary>
    public IReadOnlyDictionary<string, ResourceOptions> Resources { get; init; } = new Dictionary<string, ResourceOptions>();

    /// <summary>Values of non-secret parameters without a default.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public string IngressClass { get; init; } = "alb";

    public int MinReplicas { get; init; } = 2;
    public int MaxReplicas { get; init; } = 10;
    public int CpuUtilization { get; init; } = 70;
    public int MemoryUtilization { get; init; } = 80;

    public string CpuRequest { get; init; } = "100m";
    public string CpuLimit { get; init; } = "1";
    public string MemoryRequest { get; init; } = "128Mi";
    public string MemoryLimit { get; init; } = "512Mi";

    public string StorageSize { get; init; } = "10Gi";

    /// <summary>Label kube-prometheus-stack selects ServiceMonitors by (its Helm release name).</summary>
    public string PrometheusRelease { get; init; } = "kube-prometheus-stack";

    /// <summary>Namespace kube-prometheus-stack runs in, allowed to scrape through the network policies.</summary>
    public string MonitoringNamespace { get; init; } = "monitoring";

    /// <summary>Grafana dashboards (file name, JSON) to ship as ConfigMaps for the Grafana sidecar.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Dashboards { get; init; } = [];

    /// <summary>
    /// Share of traces recorded by apps (OTEL_TRACES_SAMPLER=parentbased_traceidratio): recording every request costs
    /// much of a busy app's throughput (docs/performance.md), and a sample keeps traces useful.
    /// </summary>
    public double TraceSampling { get; init; } = 0.1;

    /// <summary>Seconds the preStop hook waits so load balancers stop sending before the app drains.</summary>
    public int PreStopSeconds { get; init; } = 5;

    /// <summary>
    /// The .NET host's shutdown timeout, set on projects as DOTNET_SHUTDOWNTIMEOUTSECONDS (HostOptions.ShutdownTimeout)
    /// and counted in the termination grace period.
    /// </summary>
    public int ShutdownSeconds { get; init; } = 30;

    public ResourceOptions For(string resource) => Resources.GetValueOrDefault(resource) ?? ResourceOptions.None;
}
