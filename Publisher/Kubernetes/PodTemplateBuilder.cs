using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>What a pod runs: the container's image, command and environment; whether it reaches itself by its own name.</summary>
public sealed record PodContent(string Image, List<V1EnvVar>? Env, List<string>? Args, IReadOnlyDictionary<string, string>? Annotations, bool NamesItself);

/// <summary>
/// The pod template of a workload: one container with its ports, resources, probes and security context, and the
/// pod's placement and shutdown. Apps (projects and Dockerfile builds) are drained and spread; projects get the
/// .NET defaults (a writable /tmp beside the read-only root, the host's shutdown timeout in the grace period).
/// </summary>
public static class PodTemplateBuilder
{
    private const string TmpVolume = "tmp";

    public static V1PodTemplateSpec Build(ManifestResource resource, ResourceOptions settings, ServedPorts ports, PodContent content, PublisherOptions options)
    {
        var isApp = Workload.IsApp(resource);
        var isProject = resource.Kind == ResourceKind.Project;
        var user = PodSecurity.User(resource, settings.RunAs);
        var container = new V1Container
        {
            Name = Names.Service(resource.Name),
            Image = content.Image,
            ImagePullPolicy = "IfNotPresent",
            Command = resource.Entrypoint is { } entrypoint ? [entrypoint] : null,
            Args = content.Args,
            Env = content.Env,
            Ports = ports.All.Count > 0 ? ports.All.Select(p => new V1ContainerPort { ContainerPort = p.ContainerPort, Name = p.Name, Protocol = p.Protocol }).ToList() : null,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(settings.Compute?.CpuRequest ?? options.CpuRequest),
                    ["memory"] = new(settings.Compute?.MemoryRequest ?? options.MemoryRequest),
                },
                Limits = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(settings.Compute?.CpuLimit ?? options.CpuLimit),
                    ["memory"] = new(settings.Compute?.MemoryLimit ?? options.MemoryLimit),
                },
            },
            SecurityContext = PodSecurity.Container(resource, user),
            VolumeMounts = isProject ? [new V1VolumeMount { MountPath = "/tmp", Name = TmpVolume }] : null,
            Lifecycle = isApp ? new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = options.PreStopSeconds } } } : null,
        };
        Probes(container, settings, ports);

        if (resource.Volumes.Count > 0)
        {
            var statefulSet = Names.Service(resource.Name);
            container.VolumeMounts = resource.Volumes
                .Select(v => new V1VolumeMount { MountPath = v.Target, Name = Names.Claim(v.Name, statefulSet), ReadOnlyProperty = v.ReadOnly ? true : null })
                .ToList();
        }

        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = Names.Labels(resource.Name, Workload.Component(resource)),
                Annotations = content.Annotations?.ToDictionary(),
            },
            Spec = new V1PodSpec
            {
                Containers = [container],
                SecurityContext = PodSecurity.Pod(user),
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                // preStop wait + the app's shutdown timeout + a margin before the kubelet kills it.
                TerminationGracePeriodSeconds = isProject ? options.PreStopSeconds + options.ShutdownSeconds + 5 : null,
                Volumes = isProject ? [new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }] : null,
                TopologySpreadConstraints = isApp ? Spread(resource.Name) : null,
                // As on a container network, a workload that names itself reaches itself, on ports its Service may not expose.
                HostAliases = content.NamesItself ? [new V1HostAlias { Ip = "127.0.0.1", Hostnames = [Names.Service(resource.Name)] }] : null,
            },
        };
    }

    /// <summary>HTTP probes where they are declared; otherwise a TCP readiness probe on the primary port.</summary>
    private static void Probes(V1Container container, ResourceOptions settings, ServedPorts ports)
    {
        if (settings.HttpProbes.Count > 0 && ports.PrimaryHttp is { } http)
        {
            foreach (var probe in settings.HttpProbes)
            {
                var httpGet = new V1HTTPGetAction { Path = probe.Path, Port = http.Name };
                switch (probe.Kind)
                {
                    case ProbeKind.Startup:
                        container.StartupProbe = new V1Probe { HttpGet = httpGet, PeriodSeconds = 2, TimeoutSeconds = 3, FailureThreshold = 30 };
                        break;
                    case ProbeKind.Readiness:
                        container.ReadinessProbe = new V1Probe { HttpGet = httpGet, PeriodSeconds = 5, TimeoutSeconds = 3, FailureThreshold = 3 };
                        break;
                    case ProbeKind.Liveness:
                        container.LivenessProbe = new V1Probe { HttpGet = httpGet, PeriodSeconds = 10, TimeoutSeconds = 3, FailureThreshold = 3 };
                        break;
                }
            }
        }

        if (container.ReadinessProbe is null && (ports.All.FirstOrDefault(p => p.Protocol == "TCP")) is { } primary)
        {
            container.ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = primary.Name }, PeriodSeconds = 10 };
        }
    }

    private static List<V1TopologySpreadConstraint> Spread(string resourceName) =>
    [
        new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = Names.Selector(resourceName) } },
        new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = Names.Selector(resourceName) } },
    ];
}
