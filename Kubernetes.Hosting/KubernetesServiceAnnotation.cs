using Aspire.Hosting.ApplicationModel;
using Comments.Publisher.Publishing;

namespace AspireK8s.Hosting;

/// <summary>What a resource says about its Kubernetes objects, beyond what the app model says by itself.</summary>
public sealed class KubernetesServiceAnnotation : IResourceAnnotation
{
    public ResourceOptions Options { get; set; } = ResourceOptions.None;

    /// <summary>Grafana dashboards (JSON files, relative to the AppHost) shipped as ConfigMaps for the Grafana sidecar.</summary>
    public List<string> Dashboards { get; } = [];

    internal static KubernetesServiceAnnotation Of(IResource resource)
    {
        if (resource.Annotations.OfType<KubernetesServiceAnnotation>().FirstOrDefault() is { } existing)
        {
            return existing;
        }

        var annotation = new KubernetesServiceAnnotation();
        resource.Annotations.Add(annotation);
        return annotation;
    }
}
