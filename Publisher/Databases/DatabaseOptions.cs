namespace Comments.Publisher.Databases;

/// <summary>Where a PostgreSQL server resource runs in the cluster, besides the base's StatefulSet.</summary>
public enum DatabaseMode
{
    /// <summary>A CloudNativePG Cluster: replicated instances, synchronous commit, backups to object storage.</summary>
    CloudNativePG,

    /// <summary>A managed database outside the cluster (Amazon RDS, Aurora): its address and credentials in a Secret.</summary>
    External,
}

/// <summary>
/// A PostgreSQL server published as a kustomize Component next to the base: the base keeps the StatefulSet, and an
/// overlay that includes the component gets this instead (staging keeps the StatefulSet, production takes the Cluster).
/// </summary>
public sealed record DatabaseOptions(DatabaseMode Mode)
{
    /// <summary>Instances of the Cluster: one primary and its standbys, one per zone.</summary>
    public int Instances { get; init; } = 3;

    /// <summary>The Secret of an external database, with keys host, port, username and password.</summary>
    public string? ExternalSecret { get; init; }

    /// <summary>How long base backups and WAL stay in the object store (CloudNativePG's form: 30d, 8w, 3m).</summary>
    public string BackupRetention { get; init; } = "30d";

    /// <summary>When the base backup runs (six fields, seconds first, as CloudNativePG's ScheduledBackup takes it).</summary>
    public string BackupSchedule { get; init; } = "0 0 3 * * *";

    /// <summary>Object store path of the backups; the bucket is a placeholder an overlay replaces.</summary>
    public string BackupDestination { get; init; } = "s3://backups/";

    /// <summary>Requests and limits of each instance.</summary>
    public string CpuRequest { get; init; } = "250m";
    public string CpuLimit { get; init; } = "2";
    public string MemoryRequest { get; init; } = "512Mi";
    public string MemoryLimit { get; init; } = "1Gi";

    /// <summary>Namespace the CloudNativePG operator runs in, admitted to the instances by the network policy.</summary>
    public string OperatorNamespace { get; init; } = "cnpg-system";
}
