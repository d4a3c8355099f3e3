namespace Comments.Publisher.Publishing;

/// <summary>
/// What the manifest cannot carry about one resource. Nothing here is assumed: an app gets HTTP probes and a scrape
/// endpoint only where they are declared (the standard ServiceDefaults map /health and /alive in Development only).
/// </summary>
public sealed record ResourceOptions
{
    public static readonly ResourceOptions None = new();

    /// <summary>The image; a project or Dockerfile build without one gets its name as a placeholder for <c>kustomize edit set image</c>.</summary>
    public string? Image { get; init; }

    /// <summary>Ingress host of a resource with external bindings; default <c>&lt;name&gt;.example.com</c>.</summary>
    public string? Host { get; init; }

    /// <summary>The non-root user (and group) the image runs as, where the table of known images does not know it.</summary>
    public long? RunAs { get; init; }

    /// <summary>HTTP probes on the primary HTTP port; without them the pod gets a TCP readiness probe.</summary>
    public IReadOnlyList<HttpProbe> HttpProbes { get; init; } = [];

    /// <summary>A PostgreSQL server published as a CloudNativePG Cluster or an external database too, in a Component of the base.</summary>
    public Databases.DatabaseOptions? Database { get; init; }

    /// <summary>Path of a Prometheus endpoint on the primary HTTP port, scraped through a ServiceMonitor.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>
    /// Replicas the resource runs (WithReplicas): an app's autoscaler starts there (its minimum); anything else, or an
    /// app without autoscaling, gets exactly this many.
    /// </summary>
    public int? Replicas { get; init; }

    /// <summary>The app's autoscaler, where it differs from the publisher's defaults; <see cref="AutoscalingOptions.Off"/> for none.</summary>
    public AutoscalingOptions? Autoscaling { get; init; }

    /// <summary>Requests and limits, where they differ from the publisher's defaults.</summary>
    public ComputeResources? Compute { get; init; }

    /// <summary>Edits the resource's objects (workload, Service, autoscaler, ingress, ...) before they are written.</summary>
    public Action<IList<k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>>>? Customize { get; init; }
}

public sealed record AutoscalingOptions
{
    public static readonly AutoscalingOptions Off = new() { Enabled = false };

    public bool Enabled { get; init; } = true;
    public int? MinReplicas { get; init; }
    public int? MaxReplicas { get; init; }
    public int? CpuUtilization { get; init; }
    public int? MemoryUtilization { get; init; }
}

public sealed record ComputeResources(string? CpuRequest = null, string? MemoryRequest = null, string? CpuLimit = null, string? MemoryLimit = null);

public enum ProbeKind
{
    Readiness,
    Liveness,
    Startup,
}

public sealed record HttpProbe(ProbeKind Kind, string Path);
