using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>Grafana dashboards as ConfigMaps that kube-prometheus-stack's Grafana sidecar picks up.</summary>
public static class Dashboards
{
    public static V1ConfigMap ConfigMap(string fileName, string json) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = $"grafana-dashboard-{Names.Service(Path.GetFileNameWithoutExtension(fileName))}",
            Labels = new Dictionary<string, string> { ["grafana_dashboard"] = "1", [Names.ManagedByLabel] = Names.ManagedBy },
            Annotations = new Dictionary<string, string> { ["grafana_folder"] = "Aspire" },
        },
        Data = new Dictionary<string, string> { [fileName] = json },
    };
}
