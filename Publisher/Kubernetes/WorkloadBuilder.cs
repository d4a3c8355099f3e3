using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// Kubernetes objects for one workload: projects and Dockerfile builds become a Deployment with Service, HPA,
/// PodDisruptionBudget (and Ingress, ServiceMonitor); containers a Deployment, or a StatefulSet with volume claim
/// templates and a headless Service when they have volumes.
/// </summary>
public sealed class WorkloadBuilder(PublisherOptions options, ExpressionResolver resolver)
{
    private const string TmpVolume = "tmp";

    /// <summary>HostOptions.ShutdownTimeout of a .NET host, from its configuration key shutdownTimeoutSeconds.</summary>
    public const string ShutdownTimeoutVariable = "DOTNET_SHUTDOWNTIMEOUTSECONDS";

    public Workload Build(ManifestResource resource)
    {
        var name = Names.Service(resource.Name);
        var notes = new List<string>();
        var uses = new HashSet<EndpointReference>();
        var isApp = resource.Kind is ResourceKind.Project or ResourceKind.Dockerfile;

        var bindings = resource.Bindings.ToList();
        if (isApp && bindings.Any(b => b.Scheme == "http"))
        {
            // TLS ends at the load balancer; the pod serves plain HTTP on HTTP_PORTS.
            var dropped = bindings.RemoveAll(b => b.Scheme == "https");
            if (dropped > 0)
            {
                notes.Add("https binding left out (TLS ends at the ingress)");
            }
        }

        var ports = bindings.Select(b => (Binding: b, Ports: BindingPorts.Of(resource, b))).ToArray();
        var environment = new EnvironmentBuilder(options.SecretName);
        foreach (var (key, template) in resource.Env)
        {
            environment.Add(key, resolver.Resolve(template, $"resource '{resource.Name}', env '{key}'", uses));
        }

        if (isApp && resource.Env.All(e => e.Key != "OTEL_SERVICE_NAME"))
        {
            environment.Add("OTEL_SERVICE_NAME", ResolvedValue.Of(resource.Name));
        }

        if (isApp && resource.Env.All(e => e.Key != "OTEL_TRACES_SAMPLER"))
        {
            environment.Add("OTEL_TRACES_SAMPLER", ResolvedValue.Of("parentbased_traceidratio"));
            environment.Add("OTEL_TRACES_SAMPLER_ARG", ResolvedValue.Of(options.TraceSampling.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Kestrel must listen where the Service sends traffic; Aspire usually sets HTTP_PORTS itself.
        if (isApp && ports.FirstOrDefault(p => p.Binding.Scheme == "http") is { Binding: not null } http
            && resource.Env.All(e => e.Key is not ("HTTP_PORTS" or "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS")))
        {
            environment.Add("HTTP_PORTS", ResolvedValue.Of(http.Ports.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The grace period counts on this shutdown timeout; a project that sets its own keeps it.
        if (resource.Kind == ResourceKind.Project && resource.Env.All(e => e.Key != ShutdownTimeoutVariable))
        {
            environment.Add(ShutdownTimeoutVariable, ResolvedValue.Of(options.ShutdownSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var args = resource.Args.Select((a, i) => environment.Argument(resolver.Resolve(a, $"resource '{resource.Name}', args[{i}]", uses))).ToList();
        foreach (var mount in resource.BindMounts)
        {
            notes.Add($"bind mount {mount.Target} left out (no host paths in a cluster)");
        }

        var httpPort = ports.FirstOrDefault(p => p.Binding.Scheme == "http");
        var container = new V1Container
        {
            Name = name,
            Image = Image(resource, notes),
            ImagePullPolicy = "IfNotPresent",
            Command = resource.Entrypoint is { } entrypoint ? [entrypoint] : null,
            Args = args.Count > 0 ? args : null,
            Env = environment.Build(),
            Ports = ports.Length > 0 ? ports.Select(p => new V1ContainerPort { ContainerPort = p.Ports.ContainerPort, Name = PortName(p.Binding), Protocol = Protocol(resource, p.Binding) }).ToList() : null,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(options.CpuRequest), ["memory"] = new(options.MemoryRequest) },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(options.CpuLimit), ["memory"] = new(options.MemoryLimit) },
            },
            SecurityContext = PodHardening.Container(resource),
            VolumeMounts = isApp ? [new V1VolumeMount { MountPath = "/tmp", Name = TmpVolume }] : null,
        };

        if (isApp && httpPort.Binding is not null)
        {
            var port = PortName(httpPort.Binding);
            container.StartupProbe = HttpProbe("/alive", port, periodSeconds: 2, failureThreshold: 30);
            container.ReadinessProbe = HttpProbe("/health", port, periodSeconds: 5, failureThreshold: 3);
            container.LivenessProbe = HttpProbe("/alive", port, periodSeconds: 10, failureThreshold: 3);
            container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = options.PreStopSeconds } } };
        }
        else if (ports.Length > 0)
        {
            container.ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = PortName(ports[0].Binding) }, PeriodSeconds = 10 };
        }

        var pod = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Names.Labels(resource.Name, Component(resource)) },
            Spec = new V1PodSpec
            {
                Containers = [container],
                SecurityContext = PodHardening.Pod(resource, options.RunAs.TryGetValue(resource.Name, out var user) ? user : null),
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                // preStop wait + the app's shutdown timeout + a margin before the kubelet kills it.
                TerminationGracePeriodSeconds = isApp ? options.PreStopSeconds + options.ShutdownSeconds + 5 : null,
                Volumes = isApp ? [new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }] : null,
                TopologySpreadConstraints = isApp ? Spread(resource.Name) : null,
            },
        };

        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        if (resource.Volumes.Count > 0)
        {
            container.VolumeMounts = resource.Volumes.Select(v => new V1VolumeMount { MountPath = v.Target, Name = Names.Service(v.Name), ReadOnlyProperty = v.ReadOnly ? true : null }).ToList();
            objects.Add(StatefulSet(resource, pod));
            objects.Add(Service(resource, ports, headless: true));
        }
        else
        {
            objects.Add(Deployment(resource, pod, isApp));
        }

        if (ports.Length > 0)
        {
            objects.Add(Service(resource, ports, headless: false));
        }

        string? metricsPort = null;
        if (isApp)
        {
            objects.Add(Autoscaler(resource));
            objects.Add(DisruptionBudget(resource));
            if (options.MetricsPath is not null && httpPort.Binding is not null)
            {
                metricsPort = PortName(httpPort.Binding);
                objects.Add(Monitor(resource, metricsPort));
            }
        }

        return new Workload(resource, objects, ports, uses, metricsPort, notes);
    }

    public static string PortName(Binding binding)
    {
        var name = Names.Service(binding.Name);
        return name.Length > 15 ? name[..15].TrimEnd('-') : name;
    }

    private static string Protocol(ManifestResource resource, Binding binding) => binding.Protocol switch
    {
        "tcp" or "udp" or "sctp" => binding.Protocol.ToUpperInvariant(),
        var other => throw new PublishException(
            $"resource '{resource.Name}', binding '{binding.Name}': protocol '{other}' is not one Kubernetes supports (tcp, udp or sctp)."),
    };

    private string Image(ManifestResource resource, List<string> notes)
    {
        if (options.Images.TryGetValue(resource.Name, out var image))
        {
            return image;
        }

        if (resource.Kind == ResourceKind.Container && resource.Image is { } containerImage)
        {
            return containerImage;
        }

        var source = resource.Path is { } path ? $" for {path}" : "";
        notes.Add($"image placeholder '{Names.Service(resource.Name)}'{source} (set it with kustomize edit set image or --image)");
        return Names.Service(resource.Name);
    }

    private static string Component(ManifestResource resource) => resource.Kind switch
    {
        ResourceKind.Container => resource.Volumes.Count > 0 ? "database" : "service",
        _ => "app",
    };

    private static V1Probe HttpProbe(string path, string port, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    private static List<V1TopologySpreadConstraint> Spread(string resourceName) =>
    [
        new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = Names.Selector(resourceName) } },
        new V1TopologySpreadConstraint { MaxSkew = 1, TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", LabelSelector = new V1LabelSelector { MatchLabels = Names.Selector(resourceName) } },
    ];

    private static V1Deployment Deployment(ManifestResource resource, V1PodTemplateSpec pod, bool isApp) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Metadata(resource),
        Spec = new V1DeploymentSpec
        {
            // The HPA owns the replica count of apps; a count here would fight it on every apply.
            Replicas = isApp ? null : 1,
            RevisionHistoryLimit = 5,
            Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
            // No pod goes away before its replacement is ready.
            Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 } },
            Template = pod,
        },
    };

    private V1StatefulSet StatefulSet(ManifestResource resource, V1PodTemplateSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = Metadata(resource),
        Spec = new V1StatefulSetSpec
        {
            Replicas = 1,
            ServiceName = $"{Names.Service(resource.Name)}-headless",
            Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
            Template = pod,
            VolumeClaimTemplates = resource.Volumes.Select(v => new V1PersistentVolumeClaim
            {
                Metadata = new V1ObjectMeta { Name = Names.Service(v.Name) },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(options.StorageSize) } },
                },
            }).ToList(),
        },
    };

    private static V1Service Service(ManifestResource resource, (Binding Binding, BindingPorts Ports)[] ports, bool headless)
    {
        var metadata = Metadata(resource);
        if (headless)
        {
            metadata.Name += "-headless";
        }

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = metadata,
            Spec = new V1ServiceSpec
            {
                Type = headless ? null : "ClusterIP",
                ClusterIP = headless ? "None" : null,
                Selector = Names.Selector(resource.Name),
                Ports = ports.Length == 0
                    ? null
                    : ports.Select(p => new V1ServicePort
                    {
                        Port = p.Ports.ServicePort,
                        Name = PortName(p.Binding),
                        Protocol = Protocol(resource, p.Binding),
                        TargetPort = PortName(p.Binding),
                        // Plain-text HTTP/2 (gRPC) tells meshes and gateways not to speak HTTP/1.1 to it.
                        AppProtocol = p.Binding is { Scheme: "http", Transport: "http2" } ? "kubernetes.io/h2c" : null,
                    }).ToList(),
            },
        };
    }

    private V2HorizontalPodAutoscaler Autoscaler(ManifestResource resource) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Metadata(resource),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = Names.Service(resource.Name), ApiVersion = "apps/v1" },
            MinReplicas = options.MinReplicas,
            MaxReplicas = options.MaxReplicas,
            Metrics =
            [
                Utilization("cpu", options.CpuUtilization),
                Utilization("memory", options.MemoryUtilization),
            ],
            Behavior = new V2HorizontalPodAutoscalerBehavior
            {
                // Up fast when load arrives; down slowly so a dip does not drop capacity that is needed again.
                ScaleUp = new V2HPAScalingRules
                {
                    StabilizationWindowSeconds = 0,
                    SelectPolicy = "Max",
                    Policies = [Policy("Percent", 100, 30), Policy("Pods", 4, 30)],
                },
                ScaleDown = new V2HPAScalingRules
                {
                    StabilizationWindowSeconds = 300,
                    SelectPolicy = "Min",
                    Policies = [Policy("Percent", 50, 60)],
                },
            },
        },
    };

    private static V2MetricSpec Utilization(string resourceName, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resourceName, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };

    private static V2HPAScalingPolicy Policy(string type, int value, int periodSeconds) =>
        new() { Type = type, Value = value, PeriodSeconds = periodSeconds };

    private static V1PodDisruptionBudget DisruptionBudget(ManifestResource resource) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Metadata(resource),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
        },
    };

    private ServiceMonitor Monitor(ManifestResource resource, string port)
    {
        var metadata = Metadata(resource);
        metadata.Labels["release"] = options.PrometheusRelease;
        return new ServiceMonitor
        {
            Metadata = metadata,
            Spec = new ServiceMonitorSpec
            {
                Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
                Endpoints = [new ServiceMonitorEndpoint { Port = port, Path = options.MetricsPath! }],
            },
        };
    }

    private static V1ObjectMeta Metadata(ManifestResource resource) => new()
    {
        Name = Names.Service(resource.Name),
        Labels = Names.Labels(resource.Name, Component(resource)),
    };
}
