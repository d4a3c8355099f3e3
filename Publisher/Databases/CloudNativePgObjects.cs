using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Databases;

// The CloudNativePG 1.30 (postgresql.cnpg.io/v1), Barman Cloud plugin 0.13 (barmancloud.cnpg.io/v1) and
// prometheus-operator (monitoring.coreos.com/v1) objects the publisher writes: the fields it sets. The YAML writer names
// a field after its property (camel case), so each property is spelled as the CRD spells the field.

public abstract class CustomObject<TSpec>(string apiVersion, string kind) : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = apiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = kind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}

public sealed class PostgresCluster() : CustomObject<ClusterSpec>("postgresql.cnpg.io/v1", "Cluster");

public sealed class ClusterSpec
{
    [JsonPropertyName("instances")] public int Instances { get; set; }
    [JsonPropertyName("imageName")] public string ImageName { get; set; } = "";
    [JsonPropertyName("primaryUpdateStrategy")] public string PrimaryUpdateStrategy { get; set; } = "unsupervised";
    [JsonPropertyName("postgresql")] public PostgresConfiguration? Postgresql { get; set; }
    [JsonPropertyName("bootstrap")] public ClusterBootstrap Bootstrap { get; set; } = new();
    [JsonPropertyName("storage")] public ClusterStorage Storage { get; set; } = new();
    [JsonPropertyName("resources")] public V1ResourceRequirements Resources { get; set; } = new();
    [JsonPropertyName("affinity")] public ClusterAffinity Affinity { get; set; } = new();
    [JsonPropertyName("plugins")] public List<ClusterPlugin>? Plugins { get; set; }
}

public sealed class PostgresConfiguration
{
    [JsonPropertyName("synchronous")] public SynchronousReplication Synchronous { get; set; } = new();
}

/// <summary>A commit is acknowledged once <see cref="Number"/> standbys have it too; with dataDurability required, never with fewer.</summary>
public sealed class SynchronousReplication
{
    [JsonPropertyName("method")] public string Method { get; set; } = "any";
    [JsonPropertyName("number")] public int Number { get; set; } = 1;
    [JsonPropertyName("dataDurability")] public string DataDurability { get; set; } = "required";
}

public sealed class ClusterBootstrap
{
    [JsonPropertyName("initdb")] public InitDb Initdb { get; set; } = new();
}

public sealed class InitDb
{
    [JsonPropertyName("database")] public string Database { get; set; } = "";
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
}

public sealed class ClusterStorage
{
    [JsonPropertyName("size")] public string Size { get; set; } = "";
    [JsonPropertyName("storageClass")] public string? StorageClass { get; set; }
}

public sealed class ClusterAffinity
{
    [JsonPropertyName("enablePodAntiAffinity")] public bool EnablePodAntiAffinity { get; set; } = true;
    [JsonPropertyName("topologyKey")] public string TopologyKey { get; set; } = "topology.kubernetes.io/zone";
    [JsonPropertyName("podAntiAffinityType")] public string PodAntiAffinityType { get; set; } = "required";
}

public sealed class ClusterPlugin
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("isWALArchiver")] public bool IsWALArchiver { get; set; }
    [JsonPropertyName("parameters")] public Dictionary<string, string>? Parameters { get; set; }
}

/// <summary>A database besides the one the Cluster's bootstrap creates.</summary>
public sealed class PostgresDatabase() : CustomObject<DatabaseSpec>("postgresql.cnpg.io/v1", "Database");

public sealed class DatabaseSpec
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("owner")] public string Owner { get; set; } = "";
    [JsonPropertyName("cluster")] public LocalReference Cluster { get; set; } = new();
}

public sealed class LocalReference
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
}

public sealed class ScheduledBackup() : CustomObject<ScheduledBackupSpec>("postgresql.cnpg.io/v1", "ScheduledBackup");

public sealed class ScheduledBackupSpec
{
    [JsonPropertyName("schedule")] public string Schedule { get; set; } = "";
    [JsonPropertyName("immediate")] public bool Immediate { get; set; } = true;
    [JsonPropertyName("backupOwnerReference")] public string BackupOwnerReference { get; set; } = "self";
    [JsonPropertyName("cluster")] public LocalReference Cluster { get; set; } = new();
    [JsonPropertyName("method")] public string Method { get; set; } = "plugin";
    [JsonPropertyName("pluginConfiguration")] public LocalReference PluginConfiguration { get; set; } = new();
}

public sealed class ObjectStore() : CustomObject<ObjectStoreSpec>("barmancloud.cnpg.io/v1", "ObjectStore");

public sealed class ObjectStoreSpec
{
    [JsonPropertyName("retentionPolicy")] public string RetentionPolicy { get; set; } = "";
    [JsonPropertyName("configuration")] public ObjectStoreConfiguration Configuration { get; set; } = new();

    /// <summary>The Barman Cloud sidecar of each instance: where an overlay sets AWS_REGION, the bucket's region.</summary>
    [JsonPropertyName("instanceSidecarConfiguration")] public SidecarConfiguration? InstanceSidecarConfiguration { get; set; }
}

public sealed class SidecarConfiguration
{
    [JsonPropertyName("env")] public List<V1EnvVar>? Env { get; set; }
}

public sealed class ObjectStoreConfiguration
{
    [JsonPropertyName("destinationPath")] public string DestinationPath { get; set; } = "";
    [JsonPropertyName("s3Credentials")] public S3Credentials S3Credentials { get; set; } = new();
    [JsonPropertyName("wal")] public Compressed Wal { get; set; } = new();
    [JsonPropertyName("data")] public Compressed Data { get; set; } = new();
}

/// <summary>The pods' own identity (EKS Pod Identity or IRSA on the Cluster's service account), never stored keys.</summary>
public sealed class S3Credentials
{
    [JsonPropertyName("inheritFromIAMRole")] public bool InheritFromIAMRole { get; set; } = true;
}

public sealed class Compressed
{
    [JsonPropertyName("compression")] public string Compression { get; set; } = "gzip";
}

public sealed class PodMonitor() : CustomObject<PodMonitorSpec>("monitoring.coreos.com/v1", "PodMonitor");

public sealed class PodMonitorSpec
{
    [JsonPropertyName("selector")] public V1LabelSelector Selector { get; set; } = new();
    [JsonPropertyName("podMetricsEndpoints")] public List<PodMetricsEndpoint> PodMetricsEndpoints { get; set; } = [];
}

public sealed class PodMetricsEndpoint
{
    [JsonPropertyName("port")] public string Port { get; set; } = "";
}
