using System.Globalization;
using Comments.Publisher.Databases;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Publishing;

namespace Comments.Publisher.Cli;

/// <summary>A parsed command line: the manifest, the output directory and the options.</summary>
public sealed record Invocation(string ManifestPath, string OutputDirectory, PublisherOptions Options, IReadOnlyList<string> DashboardFiles);

/// <summary>A bad command line; the message has one line per problem.</summary>
public sealed class UsageException(string message) : Exception(message);

public static class CommandLine
{
    public const string Usage = """
        Usage: aspire-k8s-publisher <aspire-manifest.json> --output <dir> [options]

        Writes a kustomize base (kustomization.yaml and one file per object) for the manifest's resources.

        Options:
          --namespace <ns>            namespace for kustomization.yaml (default: none, overlays set it)
          --pod-security <level>      create the namespace in the base, enforcing this Pod Security Standard:
                                      restricted, baseline or privileged (default: none, overlays create it);
                                      needs --namespace
          --aspire-dashboard          also run the Aspire dashboard, reachable only through kubectl port-forward;
                                      apps without an OTLP endpoint of their own send it their telemetry
          --aspire-dashboard-image <image>
                                      the dashboard with this image (default: mcr.microsoft.com/dotnet/aspire-dashboard:13.6.5)
          --image <resource>=<image>  image of a project or Dockerfile resource (default: the resource name,
                                      a placeholder for `kustomize edit set image`); repeatable
          --host <resource>=<host>    ingress host of a resource with external bindings (default: <name>.example.com)
          --parameter <name>=<value>  value of a non-secret parameter without a default; repeatable
          --run-as <resource>=<uid>   run a container as this non-root user and group, where the table of known
                                      images does not know it (Publisher/README.md), e.g. seq=1000
          --probe <resource>=<kind>:<path>
                                      an HTTP probe the app serves on its http port; kind is readiness, liveness or
                                      startup; repeatable (default: a TCP readiness probe on the primary port)
          --metrics <resource>=<path> a Prometheus endpoint the app serves on its http port, scraped through a
                                      ServiceMonitor (default: none)
          --database <resource>=cloudnativepg[:<instances>] | <resource>=external:<secret>
                                      also publish a PostgreSQL server as a kustomize Component of the base
                                      (<dir>/<name>-cloudnativepg or -external) that an overlay includes: a
                                      CloudNativePG Cluster (default 3 instances) with backups, or a managed database
                                      whose host, port, username and password are keys of <secret>
          --dashboard <file.json>     Grafana dashboard to ship as a ConfigMap for the Grafana sidecar; repeatable
          --ingress-class <class>     ingress class (default: alb, the AWS Load Balancer Controller)
          --min-replicas <n>          HPA minimum for projects (default: 2)
          --max-replicas <n>          HPA maximum for projects (default: 10)
          --storage-size <quantity>   size of each volume claim (default: 10Gi)
          --trace-sampling <ratio>    share of requests traced by projects, 0 to 1 (default: 0.1)
          --secret-name <name>        name of the generated Secret (default: aspire-secrets)
          -h, --help                  show this help

        Secrets (secret or generated parameters, and what external resources provide) go to <dir>/secrets.env,
        which must never be committed: generated values are filled with random ones, present values are kept,
        and values nothing can fill are left empty for you to fill before deploying.
        Exit codes: 0 written, 1 the manifest cannot be published (nothing written), 2 bad command line.
        """;

    public static Invocation Parse(IReadOnlyList<string> args)
    {
        string? manifest = null, output = null;
        var options = new PublisherOptions();
        var resources = new Dictionary<string, ResourceOptions>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, string>();
        var dashboards = new List<string>();

        void Set((string Resource, string Value) pair, Func<ResourceOptions, string, ResourceOptions> change) =>
            resources[pair.Resource] = change(resources.GetValueOrDefault(pair.Resource) ?? ResourceOptions.None, pair.Value);

        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value.");

            try
            {
                switch (arg)
                {
                    case "--output" or "-o": output = Value(); break;
                    case "--namespace": options = options with { Namespace = Value() }; break;
                    case "--pod-security": options = options with { PodSecurity = Level(Value()) }; break;
                    case "--aspire-dashboard": options = options with { AspireDashboardImage = options.AspireDashboardImage ?? AspireDashboard.DefaultImage }; break;
                    case "--aspire-dashboard-image": options = options with { AspireDashboardImage = Value() }; break;
                    case "--image": Set(Split(arg, Value()), (r, image) => r with { Image = image }); break;
                    case "--host": Set(Split(arg, Value()), (r, host) => r with { Host = host }); break;
                    case "--probe": Set(Split(arg, Value()), (r, probe) => AddProbe(r, Probe(probe))); break;
                    case "--metrics": Set(Split(arg, Value()), (r, path) => r with { MetricsPath = UrlPath(arg, path) }); break;
                    case "--parameter": Pair(arg, Value(), parameters); break;
                    case "--run-as":
                        var (resource, uid) = Split(arg, Value());
                        var user = long.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                            ? id
                            : throw new UsageException($"--run-as {resource}={uid}: the user id must be a positive number (not root).");
                        Set((resource, uid), (r, _) => r with { RunAs = user });
                        break;
                    case "--database": Set(Split(arg, Value()), (r, mode) => r with { Database = Database(mode) }); break;
                    case "--dashboard": dashboards.Add(Value()); break;
                    case "--ingress-class": options = options with { IngressClass = Value() }; break;
                    case "--min-replicas": options = options with { MinReplicas = Positive(arg, Value()) }; break;
                    case "--max-replicas": options = options with { MaxReplicas = Positive(arg, Value()) }; break;
                    case "--storage-size": options = options with { StorageSize = Value() }; break;
                    case "--trace-sampling":
                        var ratio = Value();
                        options = options with
                        {
                            TraceSampling = double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
                                ? share
                                : throw new UsageException($"--trace-sampling expects a ratio from 0 to 1, got '{ratio}'."),
                        };
                        break;
                    case "--secret-name": options = options with { SecretName = Value() }; break;
                    case var _ when arg.StartsWith('-'): throw new UsageException($"unknown option {arg}.");
                    default:
                        manifest = manifest is null ? arg : throw new UsageException($"more than one manifest given ({manifest}, {arg}).");
                        break;
                }
            }
            catch (UsageException problem)
            {
                problems.Add(problem.Message);
            }
        }

        if (manifest is null)
        {
            problems.Add("no manifest given.");
        }

        if (output is null)
        {
            problems.Add("--output <dir> is required.");
        }

        if (options.MinReplicas > options.MaxReplicas)
        {
            problems.Add($"--min-replicas ({options.MinReplicas}) is above --max-replicas ({options.MaxReplicas}).");
        }

        if (problems.Count > 0)
        {
            throw new UsageException(string.Join("\n", problems));
        }

        return new Invocation(manifest!, output!, options with { Resources = resources, Parameters = parameters }, dashboards);
    }

    private static void Pair(string option, string value, Dictionary<string, string> into)
    {
        var (key, text) = Split(option, value);
        into[key] = text;
    }

    /// <summary>"readiness:/health" -> a readiness probe on /health.</summary>
    private static HttpProbe Probe(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? value[..colon] : "";
        return kind.All(char.IsAsciiLetterLower) && Enum.TryParse<ProbeKind>(kind, ignoreCase: true, out var parsed)
            ? new HttpProbe(parsed, UrlPath("--probe", value[(colon + 1)..]))
            : throw new UsageException($"--probe expects <resource>=<kind>:<path> with kind readiness, liveness or startup (e.g. api=readiness:/health), got '{value}'.");
    }

    private static PodSecurityLevel Level(string value) =>
        value.All(char.IsAsciiLetterLower) && Enum.TryParse<PodSecurityLevel>(value, ignoreCase: true, out var level)
            ? level
            : throw new UsageException($"--pod-security expects restricted, baseline or privileged, got '{value}'.");

    /// <summary>"cloudnativepg", "cloudnativepg:3" or "external:comments-db".</summary>
    private static DatabaseOptions Database(string value)
    {
        var (mode, detail) = value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (value[..colon], value[(colon + 1)..]) : (value, null);
        return (mode, detail) switch
        {
            ("cloudnativepg", null) => new DatabaseOptions(DatabaseMode.CloudNativePG),
            ("cloudnativepg", _) => new DatabaseOptions(DatabaseMode.CloudNativePG) { Instances = Positive("--database", detail) },
            ("external", { Length: > 0 } secret) when Names.Service(secret) == secret => new DatabaseOptions(DatabaseMode.External) { ExternalSecret = secret },
            _ => throw new UsageException($"--database expects <resource>=cloudnativepg[:<instances>] or <resource>=external:<secret> (a Secret name: lower case, digits, '-'), got '{value}'."),
        };
    }

    private static ResourceOptions AddProbe(ResourceOptions resource, HttpProbe probe) =>
        resource with { HttpProbes = [.. resource.HttpProbes.Where(p => p.Kind != probe.Kind), probe] };

    private static string UrlPath(string option, string path) =>
        path.StartsWith('/') ? path : throw new UsageException($"{option}: the path must start with '/', got '{path}'.");

    private static (string Key, string Value) Split(string option, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < value.Length - 1
            ? (value[..equals], value[(equals + 1)..])
            : throw new UsageException($"{option} expects <name>=<value>, got '{value}'.");
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new UsageException($"{option} expects a positive number, got '{value}'.");
}
