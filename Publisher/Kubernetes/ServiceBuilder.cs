using Comments.Publisher.Manifest;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

public static class ServiceBuilder
{
    public static V1Service Build(ManifestResource resource, ServedPorts ports, bool headless) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Workload.Metadata(resource, headless ? StatefulSetBuilder.HeadlessSuffix : null),
        Spec = new V1ServiceSpec
        {
            Type = headless ? null : "ClusterIP",
            ClusterIP = headless ? "None" : null,
            Selector = Names.Selector(resource.Name),
            Ports = ports.All.Count == 0
                ? null
                : ports.All.Select(p => new V1ServicePort
                {
                    Port = p.ServicePort,
                    Name = p.Name,
                    Protocol = p.Protocol,
                    TargetPort = p.Name,
                    // Plain-text HTTP/2 (gRPC) tells meshes and gateways not to speak HTTP/1.1 to it.
                    AppProtocol = p.Binding is { Scheme: "http", Transport: "http2" } ? "kubernetes.io/h2c" : null,
                }).ToList(),
        },
    };
}
