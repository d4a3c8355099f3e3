using Comments.Publisher.Kubernetes;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Databases;

/// <summary>
/// The kustomize Component that moves a PostgreSQL server out of the base's StatefulSet: it deletes the server's
/// objects, adds what replaces them (a CloudNativePG Cluster and its backups, or nothing for an external database), and
/// replaces the environment of every workload whose values change with the server's new host and credentials.
/// </summary>
public static class DatabaseComponent
{
    public static string Folder(PostgresServer server, DatabaseMode mode) =>
        $"{server.Name}-{(mode == DatabaseMode.CloudNativePG ? "cloudnativepg" : "external")}";

    /// <summary>
    /// The component's objects and kustomization, from the base's workloads and network policies as published and
    /// <paramref name="moved"/>, which builds a workload again with the server's references substituted.
    /// </summary>
    public static (IReadOnlyList<(string Name, IKubernetesObject<V1ObjectMeta> Object)> Objects, KustomizeComponent Kustomization) Build(
        PostgresServer server,
        DatabaseOptions database,
        IReadOnlyList<Workload> workloads,
        IEnumerable<V1NetworkPolicy> policies,
        Func<Workload, Workload> moved,
        PublisherOptions options)
    {
        var serverWorkload = workloads.Single(w => w.Resource == server.Resource);
        var clients = workloads.Where(w => w != serverWorkload && w.Uses.Any(u => u.Resource == server.Resource.Name)).Select(w => w.Resource.Name).ToList();
        var objects = database.Mode == DatabaseMode.CloudNativePG
            ? CloudNativePgCluster.Build(server, database, clients, options).ToList()
            : [];

        var component = new KustomizeComponent { Resources = objects.Count > 0 ? objects.Select(FileName).ToList() : null };
        var deleted = serverWorkload.Objects.Concat(policies.Where(p => p.Spec.PodSelector.MatchLabels?.SequenceEqual(Names.Selector(server.Resource.Name)) == true));
        component.Patches.AddRange(deleted.Select(Delete));
        foreach (var workload in workloads.Where(w => w != serverWorkload))
        {
            if (ReplaceContainer(workload, moved(workload)) is { } patch)
            {
                component.Patches.Add(patch);
            }
        }

        return (objects.Select(o => (FileName(o), o)).ToList(), component);
    }

    private static KustomizePatch Delete(IKubernetesObject<V1ObjectMeta> o) => new()
    {
        Target = new KustomizeTarget { Kind = o.Kind, Name = o.Metadata.Name },
        Patch = $"$patch: delete\napiVersion: {o.ApiVersion}\nkind: {o.Kind}\nmetadata:\n  name: {o.Metadata.Name}\n",
    };

    /// <summary>A JSON patch of the container's env and args where they differ; order matters to $(VAR), so each is replaced whole.</summary>
    private static KustomizePatch? ReplaceContainer(Workload before, Workload after)
    {
        var (workload, container) = Container(before);
        var (_, moved) = Container(after);
        var operations = new List<JsonPatchOperation>();
        if (!Same(container.Env, moved.Env))
        {
            operations.Add(new JsonPatchOperation { Path = "/spec/template/spec/containers/0/env", Value = moved.Env });
        }

        if (!Same(container.Args, moved.Args))
        {
            operations.Add(new JsonPatchOperation { Path = "/spec/template/spec/containers/0/args", Value = moved.Args });
        }

        return operations.Count == 0 ? null : new KustomizePatch
        {
            Target = new KustomizeTarget { Kind = workload.Kind, Name = workload.Metadata.Name },
            Patch = KubernetesYaml.Serialize(operations),
        };
    }

    private static bool Same(object? before, object? after) =>
        before is null ? after is null : after is not null && KubernetesJson.Serialize(before) == KubernetesJson.Serialize(after);

    private static (IKubernetesObject<V1ObjectMeta> Workload, V1Container Container) Container(Workload workload) => workload.Objects[0] switch
    {
        V1Deployment d => (d, d.Spec.Template.Spec.Containers[0]),
        V1StatefulSet s => (s, s.Spec.Template.Spec.Containers[0]),
        var other => throw new InvalidOperationException($"{other.Kind} is not a workload"),
    };

    private static string FileName(IKubernetesObject<V1ObjectMeta> o) => $"{o.Metadata.Name}-{o.Kind.ToLowerInvariant()}.yaml";
}
