using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// A LoadBalancer Service for a workload's external bindings that are not HTTP (MQTT, a game server's UDP, a broker
/// meant for clients outside the cluster), which an Ingress cannot carry. With the AWS Load Balancer Controller (ingress
/// class "alb") it is an internet-facing Network Load Balancer with IP targets; elsewhere the cluster's own.
/// </summary>
public static class LoadBalancerBuilder
{
    public const string Suffix = "-external";

    public static IReadOnlyList<ServedPort> Ports(Workload workload) =>
        workload.Ports.All.Where(p => p.Binding.External && p.Binding.Scheme is not ("http" or "https")).ToList();

    public static V1Service? Build(Workload workload, PublisherOptions options)
    {
        var ports = Ports(workload);
        if (ports.Count == 0)
        {
            return null;
        }

        var metadata = Workload.Metadata(workload.Resource, Suffix);
        if (options.IngressClass == "alb")
        {
            metadata.Annotations = new Dictionary<string, string>
            {
                ["service.beta.kubernetes.io/aws-load-balancer-type"] = "external",
                ["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] = "ip",
                ["service.beta.kubernetes.io/aws-load-balancer-scheme"] = "internet-facing",
            };
        }

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = metadata,
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Selector = Names.Selector(workload.Resource.Name),
                Ports = ports.Select(p => new V1ServicePort { Port = p.ServicePort, Name = p.Name, Protocol = p.Protocol, TargetPort = p.Name }).ToList(),
            },
        };
    }

    public static string Note(Workload workload, V1Service service) =>
        $"external {string.Join(", ", Ports(workload).Select(p => $"{p.Binding.Name} ({p.Protocol} {p.ServicePort})"))} on the LoadBalancer " +
        $"Service {service.Metadata.Name} (an Ingress carries only HTTP): its address is in kubectl get service {service.Metadata.Name}";
}
