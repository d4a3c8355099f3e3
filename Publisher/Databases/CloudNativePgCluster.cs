using Comments.Publisher.Kubernetes;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Databases;

/// <summary>
/// The CloudNativePG objects of one PostgreSQL server: the Cluster (instances in separate zones, a synchronous
/// standby, the databases and their owner from its bootstrap), WAL archiving and a daily base backup through the
/// Barman Cloud plugin, a PodMonitor, and the network policy its instances need.
/// </summary>
public static class CloudNativePgCluster
{
    public const string BarmanPlugin = "barman-cloud.cloudnative-pg.io";
    public const string ClusterLabel = "cnpg.io/cluster";
    public const int StatusPort = 8000;
    public const int MetricsPort = 9187;

    public static string ReadWriteService(PostgresServer server) => $"{server.Name}-rw";

    /// <summary>The Secret CloudNativePG writes for the owner of the bootstrap database: username, password, uri, ...</summary>
    public static string AppSecret(PostgresServer server) => $"{server.Name}-app";

    public static string ObjectStoreName(PostgresServer server) => $"{server.Name}-backups";

    /// <summary>The application's role, owner of every database of the server: the first database's name, as CloudNativePG's default.</summary>
    public static string Owner(PostgresServer server) => server.Databases.Count > 0 ? server.Databases[0] : "app";

    public static string Image(PostgresServer server) => $"ghcr.io/cloudnative-pg/postgresql:{server.Version}";

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Build(
        PostgresServer server, DatabaseOptions database, IReadOnlyList<string> clients, PublisherOptions options)
    {
        var resource = server.Resource;
        var owner = Owner(server);
        yield return new PostgresCluster
        {
            Metadata = Workload.Metadata(resource),
            Spec = new ClusterSpec
            {
                Instances = database.Instances,
                ImageName = Image(server),
                // One instance has no standby to wait for.
                Postgresql = database.Instances > 1 ? new PostgresConfiguration() : null,
                Bootstrap = new ClusterBootstrap { Initdb = new InitDb { Database = server.Databases.Count > 0 ? server.Databases[0] : "app", Owner = owner } },
                Storage = new ClusterStorage { Size = options.StorageSize },
                Resources = new V1ResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(database.CpuRequest), ["memory"] = new(database.MemoryRequest) },
                    Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(database.CpuLimit), ["memory"] = new(database.MemoryLimit) },
                },
                Plugins = [new ClusterPlugin { Name = BarmanPlugin, IsWALArchiver = true, Parameters = new() { ["barmanObjectName"] = ObjectStoreName(server) } }],
            },
        };

        foreach (var name in server.Databases.Skip(1))
        {
            yield return new PostgresDatabase
            {
                Metadata = Workload.Metadata(resource, $"-{Names.Service(name)}"),
                Spec = new DatabaseSpec { Name = name, Owner = owner, Cluster = new LocalReference { Name = server.Name } },
            };
        }

        yield return new ObjectStore
        {
            Metadata = Workload.Metadata(resource, "-backups"),
            Spec = new ObjectStoreSpec
            {
                RetentionPolicy = database.BackupRetention,
                Configuration = new ObjectStoreConfiguration { DestinationPath = database.BackupDestination },
            },
        };

        yield return new ScheduledBackup
        {
            Metadata = Workload.Metadata(resource, "-daily"),
            Spec = new ScheduledBackupSpec
            {
                Schedule = database.BackupSchedule,
                Cluster = new LocalReference { Name = server.Name },
                PluginConfiguration = new LocalReference { Name = BarmanPlugin },
            },
        };

        var podMonitor = new PodMonitor { Metadata = Workload.Metadata(resource) };
        podMonitor.Metadata.Labels["release"] = options.PrometheusRelease;
        podMonitor.Spec.Selector.MatchLabels = new Dictionary<string, string> { [ClusterLabel] = server.Name };
        podMonitor.Spec.PodMetricsEndpoints.Add(new PodMetricsEndpoint { Port = "metrics" });
        yield return podMonitor;

        yield return NetworkPolicy(server, database, clients, options);
    }

    /// <summary>The apps that refer to the server, the operator, the other instances (replication) and Prometheus.</summary>
    private static V1NetworkPolicy NetworkPolicy(PostgresServer server, DatabaseOptions database, IReadOnlyList<string> clients, PublisherOptions options)
    {
        var instances = new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterLabel] = server.Name } } };
        var operatorPods = new V1NetworkPolicyPeer
        {
            NamespaceSelector = Namespace(database.OperatorNamespace),
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "cloudnative-pg" } },
        };
        var rules = new List<V1NetworkPolicyIngressRule>
        {
            Rule([operatorPods], PostgresServer.Port, StatusPort),
            Rule([instances], PostgresServer.Port, StatusPort),
            Rule([new V1NetworkPolicyPeer { NamespaceSelector = Namespace(options.MonitoringNamespace) }], MetricsPort),
        };
        if (clients.Count > 0)
        {
            rules.Insert(0, Rule(clients.Select(c => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = Names.Selector(c) } }).ToList(), PostgresServer.Port));
        }

        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = $"{server.Name}-cluster-ingress", Labels = Names.Labels(server.Resource.Name, "network-policy") },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = instances.PodSelector,
                PolicyTypes = ["Ingress"],
                Ingress = rules,
            },
        };
    }

    private static V1LabelSelector Namespace(string name) => new() { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = name } };

    private static V1NetworkPolicyIngressRule Rule(List<V1NetworkPolicyPeer> from, params int[] ports) => new()
    {
        FromProperty = from,
        Ports = ports.Select(p => new V1NetworkPolicyPort { Port = p, Protocol = "TCP" }).ToList(),
    };
}
