using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;
using AspireK8s.Hosting;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Publishing;

namespace Aspire.Hosting;

/// <summary>Adds a Kubernetes environment to an AppHost and sets what holds for all of its resources.</summary>
public static class KubernetesEnvironmentExtensions
{
    /// <summary>
    /// A Kubernetes cluster the app publishes to: <c>aspire publish -o &lt;dir&gt;</c> writes the kustomize base to
    /// &lt;dir&gt;/base, <c>aspire deploy</c> applies &lt;dir&gt;/overlays/&lt;overlay&gt; and waits for every rollout,
    /// <c>aspire destroy</c> deletes what it applied. In run mode it does nothing.
    /// </summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> AddKubernetesEnvironment(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var environment = new KubernetesEnvironmentResource(name);
        if (builder.ExecutionContext.IsRunMode)
        {
            return builder.CreateResourceBuilder(environment);
        }

        return builder.AddResource(environment)
            .ExcludeFromManifest()
            .WithPipelineStepFactory(_ => KubernetesPipelineSteps.Create(environment));
    }

    public static IResourceBuilder<KubernetesEnvironmentResource> WithNamespace(this IResourceBuilder<KubernetesEnvironmentResource> builder, string @namespace) =>
        builder.Set(e => e.Namespace = @namespace);

    /// <summary>
    /// The base creates its namespace (WithNamespace, which this needs) labelled to enforce, audit and warn at this
    /// Pod Security Standard; an overlay's namespace renames it. Pods are built for restricted either way.
    /// </summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> WithPodSecurity(this IResourceBuilder<KubernetesEnvironmentResource> builder, PodSecurityLevel level) =>
        builder.Set(e => e.PodSecurity = level);

    /// <summary>
    /// Also runs the Aspire dashboard in the cluster, its UI reachable only through <c>kubectl port-forward
    /// deployment/aspire-dashboard 18888</c>; apps without an OTLP endpoint of their own send it their telemetry.
    /// </summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> WithDashboard(this IResourceBuilder<KubernetesEnvironmentResource> builder, string image = AspireDashboard.DefaultImage) =>
        builder.Set(e => e.DashboardImage = image);

    public static IResourceBuilder<KubernetesEnvironmentResource> WithIngressClass(this IResourceBuilder<KubernetesEnvironmentResource> builder, string ingressClass) =>
        builder.Set(e => e.IngressClass = ingressClass);

    /// <summary>Requests and limits of every container that sets none of its own (WithKubernetesResources).</summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> WithDefaultResources(
        this IResourceBuilder<KubernetesEnvironmentResource> builder, string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) =>
        builder.Set(e => e.DefaultResources = new ComputeResources(cpuRequest, memoryRequest, cpuLimit, memoryLimit));

    /// <summary>The autoscaler bounds of every app that sets none of its own (WithKubernetesAutoscaling).</summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> WithReplicaBounds(this IResourceBuilder<KubernetesEnvironmentResource> builder, int min, int max) =>
        min >= 1 && max >= min
            ? builder.Set(e => (e.MinReplicas, e.MaxReplicas) = (min, max))
            : throw new ArgumentException($"Replica bounds {min}-{max}: the minimum must be at least 1 and not above the maximum.", nameof(min));

    /// <summary>The parameter that names the overlay <c>aspire deploy</c> applies (a folder of the overlays, e.g. production).</summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> WithOverlay(this IResourceBuilder<KubernetesEnvironmentResource> builder, IResourceBuilder<ParameterResource> overlay) =>
        builder.Set(e => e.Overlay = overlay.Resource);

    private static IResourceBuilder<KubernetesEnvironmentResource> Set(this IResourceBuilder<KubernetesEnvironmentResource> builder, Action<KubernetesEnvironmentResource> change)
    {
        change(builder.Resource);
        return builder;
    }
}
