using k8s;
using k8s.Models;

namespace AspireK8s.Hosting;

/// <summary>The typed Kubernetes objects of one resource, as <c>PublishAsKubernetesService</c> edits them before they are written.</summary>
public sealed class KubernetesService(IList<IKubernetesObject<V1ObjectMeta>> objects)
{
    /// <summary>Every object of the resource; add or remove here.</summary>
    public IList<IKubernetesObject<V1ObjectMeta>> Objects { get; } = objects;

    public V1Deployment? Deployment => Objects.OfType<V1Deployment>().FirstOrDefault();

    public V1StatefulSet? StatefulSet => Objects.OfType<V1StatefulSet>().FirstOrDefault();

    /// <summary>The pod template of the Deployment or StatefulSet.</summary>
    public V1PodTemplateSpec PodTemplate => Deployment?.Spec.Template ?? StatefulSet?.Spec.Template
        ?? throw new InvalidOperationException("The resource has no Deployment or StatefulSet.");

    public V1Service? Service => Objects.OfType<V1Service>().FirstOrDefault(s => s.Spec.ClusterIP != "None");

    public V2HorizontalPodAutoscaler? Autoscaler => Objects.OfType<V2HorizontalPodAutoscaler>().FirstOrDefault();

    public V1PodDisruptionBudget? DisruptionBudget => Objects.OfType<V1PodDisruptionBudget>().FirstOrDefault();

    public V1Ingress? Ingress => Objects.OfType<V1Ingress>().FirstOrDefault();
}
