using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>Multi-document YAML split into documents, and a strict (unknown fields are errors) typed read of each.</summary>
public static class KubernetesDocuments
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["v1/Service"] = typeof(V1Service),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Secret"] = typeof(V1Secret),
        ["v1/Namespace"] = typeof(V1Namespace),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["apps/v1/StatefulSet"] = typeof(V1StatefulSet),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(Kubernetes.ServiceMonitor),
        ["monitoring.coreos.com/v1/PodMonitor"] = typeof(Databases.PodMonitor),
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(Databases.PostgresCluster),
        ["postgresql.cnpg.io/v1/Database"] = typeof(Databases.PostgresDatabase),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(Databases.ScheduledBackup),
        ["barmancloud.cnpg.io/v1/ObjectStore"] = typeof(Databases.ObjectStore),
    };

    public static IReadOnlyList<string> Split(string yaml) =>
        yaml.ReplaceLineEndings("\n").Split("\n---\n").Select(d => d.Trim()).Where(d => d.Length > 0 && d != "---").ToArray();

    /// <summary>Reads a document strictly as its kind's type; throws on unknown kinds and unknown fields.</summary>
    public static IKubernetesObject<V1ObjectMeta> ReadStrict(string document)
    {
        var head = KubernetesYaml.Deserialize<Dictionary<string, object>>(document);
        var key = $"{head["apiVersion"]}/{head["kind"]}";
        if (!Types.TryGetValue(key, out var type))
        {
            throw new InvalidOperationException($"No schema known for {key}.");
        }

        var read = typeof(KubernetesYaml).GetMethods()
            .Single(m => m.Name == nameof(KubernetesYaml.Deserialize) && m.IsGenericMethod && m.GetParameters() is [{ ParameterType.Name: "String" }, _])
            .MakeGenericMethod(type);
        try
        {
            return (IKubernetesObject<V1ObjectMeta>)read.Invoke(null, [document, true])!;
        }
        catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException($"{key}: {ex.InnerException.Message}", ex.InnerException);
        }
    }
}
