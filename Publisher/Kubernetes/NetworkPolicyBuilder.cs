using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// Default-deny ingress for the namespace, then one policy per workload that admits only what the manifest's
/// references need: the referring workloads on the referenced ports, the load balancer on external ports, and
/// Prometheus on the metrics port.
/// </summary>
public static class NetworkPolicyBuilder
{
    public const string DefaultDenyName = "default-deny-ingress";

    public static IEnumerable<V1NetworkPolicy> Build(IReadOnlyList<Workload> workloads, PublisherOptions options)
    {
        yield return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = DefaultDenyName, Labels = new Dictionary<string, string> { [Names.ManagedByLabel] = Names.ManagedBy } },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
        };

        foreach (var workload in workloads)
        {
            var rules = new List<V1NetworkPolicyIngressRule>();
            foreach (var port in workload.Ports.All)
            {
                var clients = workloads
                    .Where(other => other != workload && other.Uses.Any(u => u.Resource == workload.Resource.Name && u.Binding == port.Binding.Name))
                    .Select(other => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = Names.Selector(other.Resource.Name) } })
                    .ToList();
                if (port.Binding.External)
                {
                    // The load balancer reaches pods directly (IP targets) from addresses outside the cluster.
                    rules.Add(Rule(null, port));
                }
                else if (clients.Count > 0)
                {
                    rules.Add(Rule(clients, port));
                }
            }

            // Prometheus scrapes the metrics port; an external port is open to every source already.
            if (workload.MetricsPort is { Binding.External: false } metrics)
            {
                rules.Add(Rule([MonitoringPeer(options)], metrics));
            }

            if (rules.Count == 0)
            {
                continue;
            }

            yield return new V1NetworkPolicy
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = "NetworkPolicy",
                Metadata = new V1ObjectMeta { Name = $"{workload.Name}-ingress", Labels = Names.Labels(workload.Resource.Name, "network-policy") },
                Spec = new V1NetworkPolicySpec
                {
                    PodSelector = new V1LabelSelector { MatchLabels = Names.Selector(workload.Resource.Name) },
                    PolicyTypes = ["Ingress"],
                    Ingress = rules,
                },
            };
        }
    }

    private static V1NetworkPolicyPeer MonitoringPeer(PublisherOptions options) => new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = options.MonitoringNamespace } },
    };

    private static V1NetworkPolicyIngressRule Rule(List<V1NetworkPolicyPeer>? from, ServedPort port) => new()
    {
        FromProperty = from,
        Ports = [new V1NetworkPolicyPort { Port = port.ContainerPort, Protocol = port.Protocol }],
    };
}
