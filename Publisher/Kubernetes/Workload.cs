using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>What was emitted for one workload resource, and what network policies need to know about it.</summary>
public sealed record Workload(
    ManifestResource Resource,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    IReadOnlyList<(Binding Binding, BindingPorts Ports)> Ports,
    IReadOnlySet<EndpointReference> Uses,
    string? MetricsPort,
    IReadOnlyList<string> Notes);
