using Comments.Publisher.Manifest;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

public static class DisruptionBudgetBuilder
{
    public static V1PodDisruptionBudget Build(ManifestResource resource) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Workload.Metadata(resource),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
        },
    };
}
