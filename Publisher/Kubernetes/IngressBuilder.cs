using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// An Ingress for a workload's external HTTP bindings. Defaults suit EKS with the AWS Load Balancer Controller
/// (class "alb", internet-facing, IP targets) and external-dns, which creates the host's DNS record.
/// </summary>
public static class IngressBuilder
{
    public static V1Ingress? Build(Workload workload, PublisherOptions options)
    {
        var external = workload.Ports.Where(p => p.Binding.External && p.Binding.Scheme is "http" or "https").ToArray();
        if (external.Length == 0)
        {
            return null;
        }

        var name = Names.Service(workload.Resource.Name);
        var host = options.Hosts.GetValueOrDefault(workload.Resource.Name) ?? $"{name}.example.com";
        var annotations = new Dictionary<string, string>
        {
            ["external-dns.alpha.kubernetes.io/hostname"] = host,
        };
        if (options.IngressClass == "alb")
        {
            annotations["alb.ingress.kubernetes.io/scheme"] = "internet-facing";
            annotations["alb.ingress.kubernetes.io/target-type"] = "ip";
            if (workload.MetricsPort is not null)
            {
                annotations["alb.ingress.kubernetes.io/healthcheck-path"] = "/health";
            }
        }

        var (_, ports) = external[0];
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = name, Labels = Names.Labels(workload.Resource.Name, "app"), Annotations = annotations },
            Spec = new V1IngressSpec
            {
                IngressClassName = options.IngressClass,
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Number = ports.ServicePort } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}
