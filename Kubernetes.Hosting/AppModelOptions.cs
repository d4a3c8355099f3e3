using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Comments.Publisher.Publishing;

namespace AspireK8s.Hosting;

/// <summary>
/// The app-model front door onto the publisher: the options the manifest cannot carry, read from the resources'
/// annotations. Probes from WithHttpProbe (each probe type) and WithHttpHealthCheck (readiness), the replica count
/// from WithReplicas, the rest from this library's With… methods.
/// </summary>
public static partial class AppModelOptions
{
    public static PublisherOptions From(DistributedApplicationModel model, KubernetesEnvironmentResource environment, Func<string, string> readDashboard)
    {
        var resources = new Dictionary<string, ResourceOptions>(StringComparer.Ordinal);
        var dashboards = new List<KeyValuePair<string, string>>();
        // Aspire's own compute resources: without those left out of the manifest (ExcludeFromManifest) and images built
        // only for the files other images copy (AddViteApp), which the manifest does not deploy either.
        foreach (var resource in model.GetComputeResources().Where(r => r.GetComputeEnvironment() is null || r.GetComputeEnvironment() == environment))
        {
            var annotation = resource.Annotations.OfType<KubernetesServiceAnnotation>().FirstOrDefault();
            var options = (annotation?.Options ?? ResourceOptions.None) with { HttpProbes = Probes(resource) };
            if (resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas))
            {
                options = options with { Replicas = replicas.Replicas };
            }

            if (annotation is not null || options.HttpProbes.Count > 0 || options.Replicas is not null)
            {
                resources[resource.Name] = options;
            }

            dashboards.AddRange((annotation?.Dashboards ?? []).Select(file => KeyValuePair.Create(Path.GetFileName(file), readDashboard(file))));
        }

        return new PublisherOptions
        {
            Namespace = environment.Namespace,
            PodSecurity = environment.PodSecurity,
            AspireDashboardImage = environment.DashboardImage,
            IngressClass = environment.IngressClass,
            MinReplicas = environment.MinReplicas,
            MaxReplicas = environment.MaxReplicas,
            // WithDefaultResources takes all four, so none is null.
            CpuRequest = environment.DefaultResources.CpuRequest!,
            MemoryRequest = environment.DefaultResources.MemoryRequest!,
            CpuLimit = environment.DefaultResources.CpuLimit!,
            MemoryLimit = environment.DefaultResources.MemoryLimit!,
            Resources = resources,
            Dashboards = dashboards,
        };
    }

    /// <summary>
    /// WithHttpProbe gives each probe type a path; WithHttpHealthCheck keeps its path only in the health check's key
    /// (&lt;resource&gt;_&lt;endpoint&gt;_&lt;path&gt;_&lt;status&gt;_check), read as the readiness probe where none is declared.
    /// </summary>
    internal static IReadOnlyList<HttpProbe> Probes(IResource resource)
    {
        var probes = resource.Annotations.OfType<EndpointProbeAnnotation>()
            .Select(p => new HttpProbe(p.Type switch
            {
                ProbeType.Liveness => ProbeKind.Liveness,
                ProbeType.Startup => ProbeKind.Startup,
                _ => ProbeKind.Readiness,
            }, p.Path ?? "/"))
            .GroupBy(p => p.Kind).Select(g => g.Last()).ToList();
        if (probes.All(p => p.Kind != ProbeKind.Readiness))
        {
            var healthCheck = resource.Annotations.OfType<HealthCheckAnnotation>()
                .Select(h => HealthCheckKey().Match(h.Key)).FirstOrDefault(m => m.Success && m.Groups["resource"].Value == resource.Name);
            if (healthCheck is not null)
            {
                probes.Insert(0, new HttpProbe(ProbeKind.Readiness, healthCheck.Groups["path"].Value));
            }
        }

        return probes.OrderBy(p => p.Kind).ToList();
    }

    [GeneratedRegex(@"^(?<resource>.+?)_(?<endpoint>[^_/]+)_(?<path>/.*)_(?<status>\d{3})_check$")]
    private static partial Regex HealthCheckKey();
}
