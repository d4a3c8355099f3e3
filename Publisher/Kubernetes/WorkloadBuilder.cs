using System.Globalization;
using System.Text.RegularExpressions;
using Comments.Publisher.Databases;
using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// The Kubernetes objects of one workload. Every workload gets a pod template and a Deployment (a StatefulSet with a
/// headless Service when it has volumes) and a Service for its ports; apps (projects and Dockerfile builds) also an
/// autoscaler and a disruption budget, and a ServiceMonitor where a scrape endpoint is declared.
/// </summary>
public sealed partial class WorkloadBuilder(
    PublisherOptions options,
    ExpressionResolver resolver,
    IReadOnlyDictionary<string, ServedPorts> ports,
    IReadOnlyDictionary<string, DaprSidecar> dapr,
    IReadOnlyList<ServerSubstitution>? substitutions = null)
{
    /// <summary>HostOptions.ShutdownTimeout of a .NET host, from its configuration key shutdownTimeoutSeconds.</summary>
    public const string ShutdownTimeoutVariable = "DOTNET_SHUTDOWNTIMEOUTSECONDS";

    private const string PostgresDataMount = "/var/lib/postgresql/data";

    public Workload Build(ManifestResource resource)
    {
        var settings = options.For(resource.Name);
        var served = ports[resource.Name];
        var notes = new List<string>();
        if (served.Dropped.Count > 0)
        {
            notes.Add($"{string.Join(", ", served.Dropped)} binding left out (TLS ends at the ingress); references to it are served by http");
        }

        var uses = new HashSet<EndpointReference>();
        var environment = Environment(resource, served, uses, notes);
        var args = resource.Args.Select((a, i) => environment.Argument(resolver.Resolve(a, $"resource '{resource.Name}', args[{i}]", uses))).ToList();
        notes.AddRange(resource.BindMounts.Select(m => $"bind mount {m.Target} left out (no host paths in a cluster)"));
        notes.AddRange(resource.ContainerFiles.Select(f =>
            $"its image must hold {string.Join(", ", f.Paths)} of '{f.Source}' at {f.Destination} (containerFiles): Aspire's image build copies them; an image of your own must too"));
        if (PodSecurity.User(resource, settings.RunAs) is null && PodSecurity.UnknownUserNote(resource, options.PodSecurity) is { } note)
        {
            notes.Add(note);
        }

        if (settings.HttpProbes.Count > 0 && served.PrimaryHttp is null)
        {
            notes.Add("HTTP probes left out: the resource has no http binding");
        }

        // Safe only where each Service port is the container's own: the pod then answers on its name as it does on its Service.
        var namesItself = uses.Any(u => u.Resource == resource.Name && u.NamesHost) && served.All.All(p => p.ServicePort == p.ContainerPort);
        if (namesItself)
        {
            notes.Add($"names itself: '{Names.Service(resource.Name)}' resolves to the pod itself inside it, as on a container network");
        }

        var content = new PodContent(Image(resource, settings, notes), environment.Build(), args.Count > 0 ? args : null, DaprAnnotations(resource, served), namesItself);
        var pod = PodTemplateBuilder.Build(resource, settings, served, content, options);
        return new Workload(resource, settings, served, Objects(resource, settings, served, pod, notes), uses, notes);
    }

    /// <summary>The container's environment: the manifest's, resolved, then the defaults.</summary>
    private EnvironmentBuilder Environment(ManifestResource resource, ServedPorts served, HashSet<EndpointReference> uses, List<string> notes)
    {
        var environment = new EnvironmentBuilder(options.SecretName);
        var env = resource.Env.ToDictionary(e => e.Key, e => e.Value);
        foreach (var (key, template) in resource.Env)
        {
            if (DiscoveryOfDroppedBinding(key, template) is { } dropped)
            {
                notes.Add($"env {key} left out: {dropped} serves plain HTTP in the cluster, which service discovery finds under http");
                continue;
            }

            var used = new HashSet<EndpointReference>();
            ResolvedValue Resolve(string text) => resolver.Resolve(text, $"resource '{resource.Name}', env '{key}'", used);
            var rewritten = substitutions?.Select(s => s.RewriteUser(key, template, env, Resolve)).FirstOrDefault(v => v is not null);
            environment.Add(key, rewritten ?? Resolve(template));
            notes.AddRange(used.Where(u => u.Binding != u.Asked).Select(u => $"env {key}: {u.Resource}'s {u.Asked} binding is served by {u.Binding}"));
            uses.UnionWith(used);
        }

        AddDefaults(resource, served, environment);
        return environment;
    }

    private List<IKubernetesObject<V1ObjectMeta>> Objects(ManifestResource resource, ResourceOptions settings, ServedPorts served, V1PodTemplateSpec pod, List<string> notes)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        if (resource.Volumes.Count > 0)
        {
            objects.Add(StatefulSetBuilder.Build(resource, pod, options.StorageSize));
            objects.Add(ServiceBuilder.Build(resource, served, headless: true));
        }
        else
        {
            objects.Add(DeploymentBuilder.Build(resource, settings, pod));
        }

        if (served.All.Count > 0)
        {
            objects.Add(ServiceBuilder.Build(resource, served, headless: false));
        }

        if (AutoscalerBuilder.Scales(resource, settings))
        {
            objects.Add(AutoscalerBuilder.Build(resource, settings, options));
        }

        if (Workload.IsApp(resource))
        {
            objects.Add(DisruptionBudgetBuilder.Build(resource));
        }

        if (settings.MetricsPath is { } path)
        {
            if (served.PrimaryHttp is { } port)
            {
                objects.Add(ServiceMonitorBuilder.Build(resource, port, path, options));
            }
            else
            {
                notes.Add("scrape endpoint left out: the resource has no http binding");
            }
        }

        return objects;
    }

    /// <summary>
    /// What a resource gets unless it sets its own: PostgreSQL a data folder it can initialise; apps telemetry names and
    /// sampling; projects the .NET settings.
    /// </summary>
    private void AddDefaults(ManifestResource resource, ServedPorts served, EnvironmentBuilder environment)
    {
        bool Unset(params string[] keys) => resource.Env.All(e => !keys.Contains(e.Key));

        // A fresh volume holds lost+found, in which PostgreSQL before 18 (data at /var/lib/postgresql/data) refuses to
        // initialise its data directory: a folder inside the volume works.
        if (resource is { Kind: ResourceKind.Container, Image: { } image } && KnownImages.IsPostgres(image)
            && resource.Volumes.Any(v => v.Target.TrimEnd('/') == PostgresDataMount) && Unset("PGDATA"))
        {
            environment.Add("PGDATA", ResolvedValue.Of($"{PostgresDataMount}/pgdata"));
        }

        if (!Workload.IsApp(resource))
        {
            return;
        }

        if (Unset("OTEL_SERVICE_NAME"))
        {
            environment.Add("OTEL_SERVICE_NAME", ResolvedValue.Of(resource.Name));
        }

        if (Unset("OTEL_TRACES_SAMPLER"))
        {
            environment.Add("OTEL_TRACES_SAMPLER", ResolvedValue.Of("parentbased_traceidratio"));
            environment.Add("OTEL_TRACES_SAMPLER_ARG", ResolvedValue.Of(options.TraceSampling.ToString(CultureInfo.InvariantCulture)));
        }

        if (resource.Kind != ResourceKind.Project)
        {
            return;
        }

        // Kestrel must listen where the Service sends traffic; Aspire usually sets HTTP_PORTS itself.
        if (served.PrimaryHttp is { } http && Unset("HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"))
        {
            environment.Add("HTTP_PORTS", ResolvedValue.Of(http.ContainerPort.ToString(CultureInfo.InvariantCulture)));
        }

        // The grace period counts on this shutdown timeout; a project that sets its own keeps it.
        if (Unset(ShutdownTimeoutVariable))
        {
            environment.Add(ShutdownTimeoutVariable, ResolvedValue.Of(options.ShutdownSeconds.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// A service discovery variable (services__api__https__0) that points at a left-out https binding: without it,
    /// "https+http://api" falls back to the http endpoint, which is what the pod serves.
    /// </summary>
    private string? DiscoveryOfDroppedBinding(string key, string template)
    {
        var match = DiscoveryVariable().Match(key);
        return match.Success
            && template == $"{{{match.Groups["resource"].Value}.bindings.{match.Groups["binding"].Value}.url}}"
            && ports.TryGetValue(match.Groups["resource"].Value, out var target)
            && target.Dropped.Contains(match.Groups["binding"].Value)
                ? match.Groups["resource"].Value
                : null;
    }

    private Dictionary<string, string>? DaprAnnotations(ManifestResource resource, ServedPorts served)
    {
        if (!dapr.TryGetValue(resource.Name, out var sidecar))
        {
            return null;
        }

        var annotations = new Dictionary<string, string>
        {
            ["dapr.io/enabled"] = "true",
            ["dapr.io/app-id"] = sidecar.AppId ?? resource.Name,
        };
        if ((sidecar.AppPort ?? served.PrimaryHttp?.ContainerPort) is { } appPort)
        {
            annotations["dapr.io/app-port"] = appPort.ToString(CultureInfo.InvariantCulture);
        }

        if (sidecar.AppProtocol is { } protocol)
        {
            annotations["dapr.io/app-protocol"] = protocol;
        }

        return annotations;
    }

    private static string Image(ManifestResource resource, ResourceOptions settings, List<string> notes)
    {
        if (settings.Image is { } image)
        {
            return image;
        }

        if (resource.Kind == ResourceKind.Container && resource.Image is { } containerImage)
        {
            return containerImage;
        }

        var source = (resource.Build?.Dockerfile ?? resource.Path) is { } path ? $" for {path}" : "";
        notes.Add($"image placeholder '{Names.Service(resource.Name)}'{source} (set it with kustomize edit set image or --image)");
        return Names.Service(resource.Name);
    }

    [GeneratedRegex(@"^services__(?<resource>[^_]+(?:_[^_]+)*)__(?<binding>[^_]+)__\d+$")]
    private static partial Regex DiscoveryVariable();
}
