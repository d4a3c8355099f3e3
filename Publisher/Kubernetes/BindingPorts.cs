using Comments.Publisher.Manifest;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// The ports of a binding in the cluster: the container listens on <see cref="ContainerPort"/>, the Service exposes
/// <see cref="ServicePort"/>. .NET projects without a target port listen on 8080 (the HTTP_PORTS default of .NET
/// container images), which the manifest's <c>{r.bindings.http.targetPort}</c> then resolves to.
/// </summary>
public sealed record BindingPorts(int ContainerPort, int ServicePort)
{
    public const int DefaultHttpPort = 8080;
    public const int DefaultHttpsPort = 8443;

    public static BindingPorts Of(ManifestResource resource, Binding binding)
    {
        var container = binding.TargetPort
            ?? (resource.Kind is ResourceKind.Project or ResourceKind.Dockerfile
                ? binding.Scheme == "https" ? DefaultHttpsPort : DefaultHttpPort
                : binding.Port)
            ?? throw new PublishException($"resource '{resource.Name}', binding '{binding.Name}' has neither targetPort nor port.");
        return new BindingPorts(container, binding.Port ?? container);
    }
}
