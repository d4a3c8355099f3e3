using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// An Ingress for a workload's external HTTP bindings. Defaults suit EKS with the AWS Load Balancer Controller
/// (class "alb", internet-facing, IP targets) and external-dns, which creates the host's DNS record.
/// </summary>
public static class IngressBuilder
{
    /// <summary>The workload's external HTTP ports: the Ingress routes its host to the first.</summary>
    public static IReadOnlyList<ServedPort> Ports(Workload workload) =>
        workload.Ports.All.Where(p => p.Binding.External && p.Binding.Scheme is "http" or "https").ToList();

    public static V1Ingress? Build(Workload workload, PublisherOptions options)
    {
        if (Ports(workload) is not [var port, ..])
        {
            return null;
        }

        var name = workload.Name;
        var host = workload.Settings.Host ?? $"{name}.example.com";
        var annotations = new Dictionary<string, string>
        {
            ["external-dns.alpha.kubernetes.io/hostname"] = host,
        };
        // A container that serves only TLS (its own certificate): the load balancer speaks HTTPS to it.
        var tlsBackend = port.Binding.Scheme == "https";
        if (tlsBackend && options.IngressClass == "nginx")
        {
            annotations["nginx.ingress.kubernetes.io/backend-protocol"] = "HTTPS";
        }

        if (options.IngressClass == "alb")
        {
            annotations["alb.ingress.kubernetes.io/scheme"] = "internet-facing";
            annotations["alb.ingress.kubernetes.io/target-type"] = "ip";
            if (tlsBackend)
            {
                annotations["alb.ingress.kubernetes.io/backend-protocol"] = "HTTPS";
            }

            // The load balancer checks the declared readiness path; without one, any HTTP answer shows the pod is up.
            if (workload.Settings.HttpProbes.FirstOrDefault(p => p.Kind == ProbeKind.Readiness) is { } readiness)
            {
                annotations["alb.ingress.kubernetes.io/healthcheck-path"] = readiness.Path;
            }
            else
            {
                annotations["alb.ingress.kubernetes.io/success-codes"] = "200-499";
            }
        }

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
                                        Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Number = port.ServicePort } },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }

    /// <summary>The external HTTP bindings the Ingress does not route, each with the rule that would.</summary>
    public static IEnumerable<string> Notes(Workload workload, V1Ingress ingress)
    {
        var ports = Ports(workload);
        return ports.Skip(1).Select(p =>
            $"external binding {p.Binding.Name} is not on Ingress {ingress.Metadata.Name}, whose host goes to {ports[0].Binding.Name}: " +
            $"add a rule for port {p.ServicePort} in an overlay patch (PublishAsKubernetesService in the AppHost)");
    }
}
