using Aspire.Hosting.ApplicationModel;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Publishing;

namespace AspireK8s.Hosting;

/// <summary>
/// A Kubernetes cluster as an Aspire compute environment: <c>aspire publish</c> writes a kustomize base of the app,
/// <c>aspire deploy</c> applies it with an overlay, <c>aspire destroy</c> deletes what that applied.
/// </summary>
public sealed class KubernetesEnvironmentResource(string name) : Resource(name), IComputeEnvironmentResource
{
    private static readonly PublisherOptions Defaults = new();

    /// <summary>Namespace written into the base's kustomization; null leaves it to the overlays.</summary>
    public string? Namespace { get; set; }

    /// <summary>The Pod Security Standard the namespace enforces: the base creates <see cref="Namespace"/> labelled with it. Null leaves both to the overlays.</summary>
    public PodSecurityLevel? PodSecurity { get; set; }

    /// <summary>Image of the Aspire dashboard run in the cluster (WithDashboard); null runs none.</summary>
    public string? DashboardImage { get; set; }

    public string IngressClass { get; set; } = Defaults.IngressClass;

    /// <summary>Requests and limits of every container that sets none of its own; the publisher's defaults unless set.</summary>
    public ComputeResources DefaultResources { get; set; } = new(Defaults.CpuRequest, Defaults.MemoryRequest, Defaults.CpuLimit, Defaults.MemoryLimit);

    public int MinReplicas { get; set; } = Defaults.MinReplicas;

    public int MaxReplicas { get; set; } = Defaults.MaxReplicas;

    /// <summary>Folder of the base inside the publish output (<c>aspire publish -o deploy/k8s</c> writes deploy/k8s/base).</summary>
    public string BaseFolder { get; set; } = "base";

    /// <summary>Folder of the overlays inside the publish output, one folder each.</summary>
    public string OverlaysFolder { get; set; } = "overlays";

    /// <summary>The parameter that names the overlay <c>aspire deploy</c> applies.</summary>
    public ParameterResource? Overlay { get; set; }

    /// <summary>How long <c>aspire deploy</c> waits for each rollout.</summary>
    public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
