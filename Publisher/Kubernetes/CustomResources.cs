using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>monitoring.coreos.com/v1 ServiceMonitor: the fields the publisher sets (kube-prometheus-stack's CRD).</summary>
public sealed class ServiceMonitor : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "monitoring.coreos.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ServiceMonitor";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public ServiceMonitorSpec Spec { get; set; } = new();
}

public sealed class ServiceMonitorSpec
{
    [JsonPropertyName("selector")]
    public V1LabelSelector Selector { get; set; } = new();

    [JsonPropertyName("endpoints")]
    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    [JsonPropertyName("port")]
    public string Port { get; set; } = "";

    [JsonPropertyName("path")]
    public string Path { get; set; } = "/metrics";

    [JsonPropertyName("interval")]
    public string Interval { get; set; } = "30s";
}

/// <summary>kustomization.yaml (kustomize.config.k8s.io/v1beta1): the fields the publisher writes.</summary>
public sealed class Kustomization
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "kustomize.config.k8s.io/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Kustomization";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("labels")]
    public List<KustomizeLabels>? Labels { get; set; }

    [JsonPropertyName("resources")]
    public List<string> Resources { get; set; } = [];

    [JsonPropertyName("secretGenerator")]
    public List<KustomizeSecretGenerator>? SecretGenerator { get; set; }
}

public sealed class KustomizeLabels
{
    [JsonPropertyName("pairs")]
    public Dictionary<string, string> Pairs { get; set; } = [];

    [JsonPropertyName("includeSelectors")]
    public bool IncludeSelectors { get; set; }
}

public sealed class KustomizeSecretGenerator
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("envs")]
    public List<string> Envs { get; set; } = [];
}

/// <summary>A kustomize Component (kustomize.config.k8s.io/v1alpha1): objects and patches an overlay opts into.</summary>
public sealed class KustomizeComponent
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "kustomize.config.k8s.io/v1alpha1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Component";

    [JsonPropertyName("resources")]
    public List<string>? Resources { get; set; }

    [JsonPropertyName("patches")]
    public List<KustomizePatch> Patches { get; set; } = [];
}

public sealed class KustomizePatch
{
    [JsonPropertyName("target")]
    public KustomizeTarget Target { get; set; } = new();

    [JsonPropertyName("patch")]
    public string Patch { get; set; } = "";
}

public sealed class KustomizeTarget
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}

/// <summary>One operation of a JSON patch (RFC 6902).</summary>
public sealed class JsonPatchOperation
{
    [JsonPropertyName("op")]
    public string Op { get; set; } = "replace";

    [JsonPropertyName("path")]
    public string Path { get; set; } = "";

    [JsonPropertyName("value")]
    public object? Value { get; set; }
}
