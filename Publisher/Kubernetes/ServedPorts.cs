using Comments.Publisher.Manifest;

namespace Comments.Publisher.Kubernetes;

/// <summary>One port a workload serves in the cluster: the container listens on ContainerPort, the Service exposes ServicePort.</summary>
public sealed record ServedPort(Binding Binding, string Name, int ContainerPort, int ServicePort)
{
    public string Protocol => Binding.Protocol.ToUpperInvariant();
}

/// <summary>
/// The ports of a workload in the cluster, per manifest binding. TLS ends at the load balancer, so a project's https
/// binding is left out when it also has an http one, and references to it are served by the http port.
/// .NET projects without a target port listen on 8080 (the HTTP_PORTS default of .NET container images).
/// </summary>
public sealed class ServedPorts
{
    public const int DefaultHttpPort = 8080;
    public const int DefaultHttpsPort = 8443;

    private static readonly string[] Protocols = ["tcp", "udp", "sctp"];

    private readonly Dictionary<string, ServedPort> _byBinding = new(StringComparer.Ordinal);

    private ServedPorts(ManifestResource resource, Problems problems)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var bindings = resource.Bindings.ToList();
        if (resource.Kind == ResourceKind.Project && bindings.Any(b => b.Scheme == "http"))
        {
            Dropped = bindings.Where(b => b.Scheme == "https").Select(b => b.Name).ToArray();
            bindings.RemoveAll(b => b.Scheme == "https");
        }

        foreach (var binding in bindings)
        {
            if (!Protocols.Contains(binding.Protocol))
            {
                problems.Add($"resource '{resource.Name}', binding '{binding.Name}': protocol '{binding.Protocol}' is not one Kubernetes supports (tcp, udp or sctp).");
                continue;
            }

            var container = binding.TargetPort
                ?? (resource.Kind == ResourceKind.Project ? binding.Scheme == "https" ? DefaultHttpsPort : DefaultHttpPort : binding.Port);
            if (container is null)
            {
                problems.Add($"resource '{resource.Name}', binding '{binding.Name}' has neither targetPort nor port: give it a target port in the AppHost (WithEndpoint(targetPort: ...)).");
                continue;
            }

            // Two bindings on one port (Functions projects give http and https the same target port) share it.
            if (All.FirstOrDefault(p => p.ContainerPort == container && p.Binding.Protocol == binding.Protocol) is { } shared)
            {
                _byBinding[binding.Name] = shared;
                continue;
            }

            var port = new ServedPort(binding, Names.Port(binding.Name, taken), container.Value, binding.Port ?? container.Value);
            All.Add(port);
            _byBinding[binding.Name] = port;
        }

        if (All.FirstOrDefault(p => p.Binding.Scheme == "http") is { } http)
        {
            foreach (var dropped in Dropped)
            {
                _byBinding[dropped] = http;
            }
        }
    }

    public List<ServedPort> All { get; } = [];

    /// <summary>Bindings left out: references to them resolve to the http port.</summary>
    public IReadOnlyList<string> Dropped { get; } = [];

    /// <summary>The first HTTP port: where declared HTTP probes and scrape endpoints are.</summary>
    public ServedPort? PrimaryHttp => All.FirstOrDefault(p => p.Binding.Scheme == "http");

    public static ServedPorts Of(ManifestResource resource, Problems problems) => new(resource, problems);

    /// <summary>The ports of every workload of <paramref name="manifest"/>, by resource name.</summary>
    public static Dictionary<string, ServedPorts> OfWorkloads(AspireManifest manifest, Problems problems) =>
        manifest.Resources.Where(r => r.IsWorkload).ToDictionary(r => r.Name, r => Of(r, problems));

    /// <summary>The port that serves <paramref name="binding"/>, or null when the resource has no such binding.</summary>
    public ServedPort? For(string binding) => _byBinding.GetValueOrDefault(binding);
}
