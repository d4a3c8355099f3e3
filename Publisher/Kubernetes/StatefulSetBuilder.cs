using Comments.Publisher.Manifest;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>A container with volumes: one pod with a volume claim per volume, behind a headless Service.</summary>
public static class StatefulSetBuilder
{
    public const string HeadlessSuffix = "-headless";

    public static V1StatefulSet Build(ManifestResource resource, V1PodTemplateSpec pod, string storageSize)
    {
        var name = Names.Service(resource.Name);
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = Workload.Metadata(resource),
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = name + HeadlessSuffix,
                Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
                Template = pod,
                VolumeClaimTemplates = resource.Volumes.Select(v => new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = Names.Claim(v.Name, name) },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(storageSize) } },
                    },
                }).ToList(),
            },
        };
    }
}
