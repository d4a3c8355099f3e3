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
            foreach (var (binding, ports) in workload.Ports)
            {
                var clients = workloads
                    .Where(other => other != workload && other.Uses.Any(u => u.Resource == workload.Resource.Name && u.Binding == binding.Name))
                    .Select(other => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = Names.Selector(other.Resource.Name) } })
                    .ToList();
                if (binding.External)
                {
                    // The load balancer reaches pods directly (IP targets) from addresses outside the cluster.
                    rules.Add(Rule(null, ports.ContainerPort));
                }
                else if (clients.Count > 0)
                {
                    rules.Add(Rule(clients, ports.ContainerPort));
                }
            }

            // Prometheus scrapes the metrics port; an external port is open to every source already.
            var metrics = workload.Ports.FirstOrDefault(p => WorkloadBuilder.PortName(p.Binding) == workload.MetricsPort);
            if (workload.MetricsPort is not null && metrics.Binding is { External: false })
            {
                rules.Add(Rule([MonitoringPeer(options)], metrics.Ports.ContainerPort));
            }

            if (rules.Count == 0)
            {
                continue;
            }

            yield return new V1NetworkPolicy
            {
                ApiVersion = "networking.k8s.io/v1",
                Kind = "NetworkPolicy",
                Metadata = new V1ObjectMeta { Name = $"{Names.Service(workload.Resource.Name)}-ingress", Labels = Names.Labels(workload.Resource.Name, "network-policy") },
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

    private static V1NetworkPolicyIngressRule Rule(List<V1NetworkPolicyPeer>? from, int port) => new()
    {
        FromProperty = from,
        Ports = [new V1NetworkPolicyPort { Port = port, Protocol = "TCP" }],
    };
}
