using Aspire.Hosting.ApplicationModel;
using AspireK8s.Hosting;
using Comments.Publisher.Databases;
using Comments.Publisher.Publishing;

namespace Aspire.Hosting;

/// <summary>
/// What a resource's Kubernetes objects hold besides what the app model says (probes come from WithHttpProbe and
/// WithHttpHealthCheck, the replica count from WithReplicas).
/// </summary>
public static class KubernetesServiceExtensions
{
    /// <summary>The app's autoscaler: bounds and utilization targets; what is not given keeps the environment's default.</summary>
    public static IResourceBuilder<T> WithKubernetesAutoscaling<T>(this IResourceBuilder<T> builder, int? minReplicas = null, int? maxReplicas = null,
        int? cpuUtilization = null, int? memoryUtilization = null)
        where T : IComputeResource =>
        builder.Update(o => o with
        {
            Autoscaling = new AutoscalingOptions { MinReplicas = minReplicas, MaxReplicas = maxReplicas, CpuUtilization = cpuUtilization, MemoryUtilization = memoryUtilization },
        });

    /// <summary>No autoscaler: the Deployment runs the WithReplicas count (default 1).</summary>
    public static IResourceBuilder<T> WithoutKubernetesAutoscaling<T>(this IResourceBuilder<T> builder)
        where T : IComputeResource =>
        builder.Update(o => o with { Autoscaling = AutoscalingOptions.Off });

    public static IResourceBuilder<T> WithKubernetesResources<T>(this IResourceBuilder<T> builder, string? cpuRequest = null, string? memoryRequest = null,
        string? cpuLimit = null, string? memoryLimit = null)
        where T : IComputeResource =>
        builder.Update(o => o with { Compute = new ComputeResources(cpuRequest, memoryRequest, cpuLimit, memoryLimit) });

    /// <summary>The non-root user (and group) the image runs as, where the publisher's table of known images does not know it.</summary>
    public static IResourceBuilder<T> WithKubernetesRunAs<T>(this IResourceBuilder<T> builder, long userId)
        where T : IComputeResource =>
        userId > 0 ? builder.Update(o => o with { RunAs = userId }) : throw new ArgumentOutOfRangeException(nameof(userId), "The user must not be root (0).");

    /// <summary>The Ingress host of a resource with external endpoints.</summary>
    public static IResourceBuilder<T> WithKubernetesIngressHost<T>(this IResourceBuilder<T> builder, string host)
        where T : IComputeResource =>
        builder.Update(o => o with { Host = host });

    /// <summary>A Prometheus endpoint the app serves on its http endpoint, scraped through a ServiceMonitor.</summary>
    public static IResourceBuilder<T> WithPrometheusScrape<T>(this IResourceBuilder<T> builder, string path = "/metrics")
        where T : IComputeResource =>
        path.StartsWith('/') ? builder.Update(o => o with { MetricsPath = path }) : throw new ArgumentException($"The path must start with '/', got '{path}'.", nameof(path));

    /// <summary>A Grafana dashboard (a JSON file, relative to the AppHost) shipped as a ConfigMap for the Grafana sidecar.</summary>
    public static IResourceBuilder<T> WithGrafanaDashboard<T>(this IResourceBuilder<T> builder, string file)
        where T : IResource
    {
        KubernetesServiceAnnotation.Of(builder.Resource).Dashboards.Add(file);
        return builder;
    }

    /// <summary>Edits the resource's typed Kubernetes objects before they are written.</summary>
    public static IResourceBuilder<T> PublishAsKubernetesService<T>(this IResourceBuilder<T> builder, Action<KubernetesService> configure)
        where T : IComputeResource =>
        builder.Update(o => o with { Customize = objects => configure(new KubernetesService(objects)) });

    /// <summary>
    /// Also publishes the server as a CloudNativePG Cluster, in the Component &lt;base&gt;/&lt;name&gt;-cloudnativepg that an
    /// overlay includes instead of the StatefulSet: instances in separate zones, a synchronous standby, WAL archiving
    /// and daily base backups through the Barman Cloud plugin.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> PublishAsCloudNativePG(this IResourceBuilder<PostgresServerResource> builder, int instances = 3) =>
        instances >= 1
            ? builder.Update(o => o with { Database = new DatabaseOptions(DatabaseMode.CloudNativePG) { Instances = instances } })
            : throw new ArgumentOutOfRangeException(nameof(instances), "A Cluster has at least one instance.");

    /// <summary>
    /// Also publishes the server as a managed database outside the cluster (RDS, Aurora), in the Component
    /// &lt;base&gt;/&lt;name&gt;-external: the apps take host, port, username and password from the Secret <paramref name="secret"/>.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> PublishAsExternalDatabase(this IResourceBuilder<PostgresServerResource> builder, string secret) =>
        builder.Update(o => o with { Database = new DatabaseOptions(DatabaseMode.External) { ExternalSecret = secret } });

    private static IResourceBuilder<T> Update<T>(this IResourceBuilder<T> builder, Func<ResourceOptions, ResourceOptions> change)
        where T : IResource
    {
        var annotation = KubernetesServiceAnnotation.Of(builder.Resource);
        annotation.Options = change(annotation.Options);
        return builder;
    }
}
