using Comments.Publisher.Databases;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using Comments.Publisher.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests;

/// <summary>
/// A PostgreSQL server published as a kustomize Component too (--database): a CloudNativePG Cluster or an external
/// database instead of the base's StatefulSet, with every workload that refers to it moved to the new host and
/// credentials. Pure: the publish result, not files.
/// </summary>
public sealed class DatabaseComponentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-database-").FullName;

    private static AspireManifest EshopStyle => ManifestReader.Parse(File.ReadAllText(TestManifests.PathOf(Path.Combine("corpus", "eshop-style.json"))), "eshop-style.json");

    private static AspireManifest Repository => ManifestReader.Parse(File.ReadAllText(RepositoryRoot.Combine("aspire-manifest.json")), "aspire-manifest.json");

    private static PublishResult Publish(AspireManifest manifest, string resource, DatabaseOptions database) =>
        KubernetesPublisher.Publish(manifest, new PublisherOptions { Resources = new Dictionary<string, ResourceOptions> { [resource] = new() { Database = database } } });

    private static T Read<T>(PublishResult result, string name) => KubernetesYaml.Deserialize<T>(result.Files.Single(f => f.Name == name).Content, strict: true);

    [Fact]
    public void A_cloudnativepg_cluster_keeps_a_synchronous_standby_in_another_zone_and_backs_up()
    {
        var result = Publish(EshopStyle, "postgres", new DatabaseOptions(DatabaseMode.CloudNativePG));

        var cluster = Read<PostgresCluster>(result, "postgres-cloudnativepg/postgres-cluster.yaml");
        Assert.Equal(3, cluster.Spec.Instances);
        Assert.Equal("ghcr.io/cloudnative-pg/postgresql:17.6", cluster.Spec.ImageName);
        Assert.Equal(("any", 1, "required"), (cluster.Spec.Postgresql!.Synchronous.Method, cluster.Spec.Postgresql.Synchronous.Number, cluster.Spec.Postgresql.Synchronous.DataDurability));
        Assert.Equal(("topology.kubernetes.io/zone", "required"), (cluster.Spec.Affinity.TopologyKey, cluster.Spec.Affinity.PodAntiAffinityType));
        Assert.Equal(("catalogdb", "catalogdb"), (cluster.Spec.Bootstrap.Initdb.Database, cluster.Spec.Bootstrap.Initdb.Owner));
        var plugin = Assert.Single(cluster.Spec.Plugins!);
        Assert.True(plugin.IsWALArchiver);
        Assert.Equal("postgres-backups", plugin.Parameters!["barmanObjectName"]);

        // The other databases of the server, owned by the same role.
        var databases = result.Files.Where(f => f.Name.EndsWith("-database.yaml", StringComparison.Ordinal))
            .Select(f => KubernetesYaml.Deserialize<PostgresDatabase>(f.Content, strict: true).Spec).ToList();
        Assert.Equal(["identitydb", "orderingdb"], databases.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(databases, d => Assert.Equal(("catalogdb", "postgres"), (d.Owner, d.Cluster.Name)));

        var backup = Read<ScheduledBackup>(result, "postgres-cloudnativepg/postgres-daily-scheduledbackup.yaml");
        Assert.Equal(("plugin", CloudNativePgCluster.BarmanPlugin, "postgres"), (backup.Spec.Method, backup.Spec.PluginConfiguration.Name, backup.Spec.Cluster.Name));
        var store = Read<ObjectStore>(result, "postgres-cloudnativepg/postgres-backups-objectstore.yaml");
        Assert.Equal("30d", store.Spec.RetentionPolicy);
        Assert.True(store.Spec.Configuration.S3Credentials.InheritFromIAMRole);
    }

    [Fact]
    public void The_network_policy_admits_the_apps_the_operator_the_instances_and_prometheus_and_nothing_else()
    {
        var result = Publish(EshopStyle, "postgres", new DatabaseOptions(DatabaseMode.CloudNativePG));

        var policy = Read<V1NetworkPolicy>(result, "postgres-cloudnativepg/postgres-cluster-ingress-networkpolicy.yaml");
        Assert.Equal("postgres", policy.Spec.PodSelector.MatchLabels[CloudNativePgCluster.ClusterLabel]);
        var rules = policy.Spec.Ingress.Select(r => (
            From: string.Join(",", r.FromProperty.Select(p => string.Join(";", (p.NamespaceSelector?.MatchLabels ?? new Dictionary<string, string>()).Concat(p.PodSelector?.MatchLabels ?? new Dictionary<string, string>()).Select(l => l.Value))).Order(StringComparer.Ordinal)),
            Ports: string.Join(",", r.Ports.Select(p => p.Port.Value)))).ToList();
        Assert.Equal(
            [
                ("catalog-api,identity-api,order-processor,ordering-api", "5432"),
                ("cnpg-system;cloudnative-pg", "5432,8000"),
                ("postgres", "5432,8000"),
                ("monitoring", "9187"),
            ],
            rules);
    }

    [Fact]
    public void Every_app_that_refers_to_the_server_moves_to_the_read_write_service_and_the_owner()
    {
        var result = Publish(Repository, "postgres", new DatabaseOptions(DatabaseMode.CloudNativePG));

        var env = PatchedEnvironment(result, "postgres-cloudnativepg", "api");
        Assert.Equal("Host=postgres-rw;Port=5432;Username=comments;Password=$(SECRET_POSTGRES_PASSWORD);Database=comments", env["ConnectionStrings__comments"].Value);
        Assert.Equal(("postgres-app", "password"), (env["SECRET_POSTGRES_PASSWORD"].ValueFrom.SecretKeyRef.Name, env["SECRET_POSTGRES_PASSWORD"].ValueFrom.SecretKeyRef.Key));
        Assert.Equal("postgres-rw", env["COMMENTS_HOST"].Value);
        Assert.Equal("comments", env["COMMENTS_USERNAME"].Value);
        Assert.Equal("postgresql://comments:$(SECRET_POSTGRES_PASSWORD_URI_ENCODED)@postgres-rw:5432/comments", env["COMMENTS_URI"].Value);
        Assert.Equal("jdbc:postgresql://postgres-rw:5432/comments", env["COMMENTS_JDBCCONNECTIONSTRING"].Value);
        // What does not refer to the server is as in the base.
        Assert.Equal("http://jaeger.observability.svc.cluster.local:4317", env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].Value);

        // The StatefulSet, its Services and its network policy go; the base itself still has them.
        var deleted = Component(result, "postgres-cloudnativepg").Patches.Where(p => p.Patch.StartsWith("$patch: delete", StringComparison.Ordinal))
            .Select(p => $"{p.Target.Kind}/{p.Target.Name}").Order(StringComparer.Ordinal);
        Assert.Equal(["NetworkPolicy/postgres-ingress", "Service/postgres", "Service/postgres-headless", "StatefulSet/postgres"], deleted);
        Assert.Contains(result.Files, f => f.Name == "postgres-statefulset.yaml");
        Assert.DoesNotContain("postgres-cloudnativepg", result.Files.Single(f => f.Name == KubernetesPublisher.KustomizationFile).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_database_takes_host_port_user_and_password_from_the_named_secret()
    {
        var result = Publish(Repository, "postgres", new DatabaseOptions(DatabaseMode.External) { ExternalSecret = "comments-rds" });

        Assert.Equal(["postgres-external/kustomization.yaml"], result.Files.Where(f => f.Name.StartsWith("postgres-", StringComparison.Ordinal) && f.Name.Contains('/', StringComparison.Ordinal)).Select(f => f.Name));
        var env = PatchedEnvironment(result, "postgres-external", "api");
        Assert.Equal("Host=$(SECRET_COMMENTS_RDS_HOST);Port=$(SECRET_COMMENTS_RDS_PORT);Username=$(SECRET_COMMENTS_RDS_USERNAME);Password=$(SECRET_POSTGRES_PASSWORD);Database=comments",
            env["ConnectionStrings__comments"].Value);
        foreach (var (variable, key) in new[] { ("SECRET_COMMENTS_RDS_HOST", "host"), ("SECRET_COMMENTS_RDS_PORT", "port"), ("SECRET_COMMENTS_RDS_USERNAME", "username"), ("SECRET_POSTGRES_PASSWORD", "password") })
        {
            Assert.Equal(("comments-rds", key), (env[variable].ValueFrom.SecretKeyRef.Name, env[variable].ValueFrom.SecretKeyRef.Key));
        }

        Assert.Equal(("comments-rds", "username"), (env["COMMENTS_USERNAME"].ValueFrom.SecretKeyRef.Name, env["COMMENTS_USERNAME"].ValueFrom.SecretKeyRef.Key));
        // $(NAME) sees only variables defined before it: every helper comes first.
        var names = PatchedEnvironmentList(result, "postgres-external", "api").Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("SECRET_COMMENTS_RDS_HOST") < names.IndexOf("ConnectionStrings__comments"));
    }

    [Fact]
    public void One_instance_has_no_standby_to_wait_for()
    {
        var result = Publish(Repository, "postgres", new DatabaseOptions(DatabaseMode.CloudNativePG) { Instances = 1 });

        Assert.Null(Read<PostgresCluster>(result, "postgres-cloudnativepg/postgres-cluster.yaml").Spec.Postgresql);
    }

    [Fact]
    public void A_resource_that_is_not_a_postgres_server_is_a_problem_that_names_it()
    {
        var error = Assert.Throws<PublishException>(() => Publish(EshopStyle, "redis", new DatabaseOptions(DatabaseMode.CloudNativePG)));

        Assert.Contains(error.Problems, p => p.Contains("--database redis: resource 'redis' is a container.v0 resource of image docker.io/library/redis:8.2, not a PostgreSQL server (AddPostgres).", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_overlay_with_the_component_builds_the_cluster_instead_of_the_statefulset()
    {
        var result = Publish(EshopStyle, "postgres", new DatabaseOptions(DatabaseMode.CloudNativePG));
        var output = Path.Combine(_directory, "base");
        OutputDirectory.Write(output, result, new PublisherOptions());
        var overlay = Path.Combine(_directory, "overlay");
        Directory.CreateDirectory(overlay);
        await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"), "resources:\n- ../base\ncomponents:\n- ../base/postgres-cloudnativepg\n");

        var documents = KubernetesDocuments.Split(await Tools.KustomizeAsync(overlay)).Select(KubernetesDocuments.ReadStrict).ToList();

        Assert.DoesNotContain(documents, d => d.Kind == "StatefulSet" && d.Metadata.Name == "postgres");
        Assert.Single(documents, d => d.Kind == "Cluster");
        var catalog = documents.OfType<V1Deployment>().Single(d => d.Metadata.Name == "catalog-api").Spec.Template.Spec.Containers[0].Env;
        Assert.StartsWith("Host=postgres-rw;", catalog.Single(e => e.Name == "ConnectionStrings__catalogdb").Value, StringComparison.Ordinal);
        Assert.Contains(documents, d => d.Kind == "StatefulSet" && d.Metadata.Name == "eventbus");
    }

    private static KustomizeComponentView Component(PublishResult result, string folder) =>
        KubernetesYaml.Deserialize<KustomizeComponentView>(result.Files.Single(f => f.Name == $"{folder}/kustomization.yaml").Content);

    private static List<V1EnvVar> PatchedEnvironmentList(PublishResult result, string folder, string workload)
    {
        var patch = Component(result, folder).Patches.Single(p => p.Target.Name == workload && !p.Patch.StartsWith("$patch", StringComparison.Ordinal));
        var operation = Assert.Single(KubernetesYaml.Deserialize<List<EnvPatch>>(patch.Patch));
        Assert.Equal(("replace", "/spec/template/spec/containers/0/env"), (operation.Op, operation.Path));
        return operation.Value;
    }

    private static Dictionary<string, V1EnvVar> PatchedEnvironment(PublishResult result, string folder, string workload) =>
        PatchedEnvironmentList(result, folder, workload).ToDictionary(e => e.Name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class KustomizeComponentView
    {
        public List<Kubernetes.KustomizePatch> Patches { get; set; } = [];
    }

    private sealed class EnvPatch
    {
        public string Op { get; set; } = "";
        public string Path { get; set; } = "";
        public List<V1EnvVar> Value { get; set; } = [];
    }
}
