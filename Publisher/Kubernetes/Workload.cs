using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>What was emitted for one workload resource, and what network policies and the ingress need to know about it.</summary>
public sealed record Workload(
    ManifestResource Resource,
    ResourceOptions Settings,
    ServedPorts Ports,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    IReadOnlySet<EndpointReference> Uses,
    IReadOnlyList<string> Notes)
{
    public string Name => Names.Service(Resource.Name);

    /// <summary>The port a ServiceMonitor scrapes, when a scrape endpoint is declared.</summary>
    public ServedPort? MetricsPort => Settings.MetricsPath is not null ? Ports.PrimaryHttp : null;

    /// <summary>The app's own image (a project or a Dockerfile build): scaled, spread and drained like a service of ours.</summary>
    public static bool IsApp(ManifestResource resource) => resource.Kind is ResourceKind.Project or ResourceKind.Build;

    public static string Component(ManifestResource resource) => resource.Kind switch
    {
        ResourceKind.Container => resource.Volumes.Count > 0 ? "database" : "service",
        _ => "app",
    };

    public static V1ObjectMeta Metadata(ManifestResource resource, string? suffix = null) => new()
    {
        Name = Names.Service(resource.Name) + suffix,
        Labels = Names.Labels(resource.Name, Component(resource)),
    };
}
