using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

public static class DeploymentBuilder
{
    public static V1Deployment Build(ManifestResource resource, ResourceOptions settings, V1PodTemplateSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Workload.Metadata(resource),
        Spec = new V1DeploymentSpec
        {
            // The HPA owns the replica count of apps; a count here would fight it on every apply.
            Replicas = AutoscalerBuilder.Scales(resource, settings) ? null : settings.Replicas ?? 1,
            RevisionHistoryLimit = 5,
            Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
            // No pod goes away before its replacement is ready.
            Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 } },
            Template = pod,
        },
    };
}
