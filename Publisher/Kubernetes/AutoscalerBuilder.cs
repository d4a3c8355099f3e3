using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

public static class AutoscalerBuilder
{
    public static V2HorizontalPodAutoscaler Build(ManifestResource resource, PublisherOptions options) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Workload.Metadata(resource),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = Names.Service(resource.Name), ApiVersion = "apps/v1" },
            MinReplicas = options.MinReplicas,
            MaxReplicas = options.MaxReplicas,
            Metrics =
            [
                Utilization("cpu", options.CpuUtilization),
                Utilization("memory", options.MemoryUtilization),
            ],
            Behavior = new V2HorizontalPodAutoscalerBehavior
            {
                // Up fast when load arrives; down slowly so a dip does not drop capacity that is needed again.
                ScaleUp = new V2HPAScalingRules
                {
                    StabilizationWindowSeconds = 0,
                    SelectPolicy = "Max",
                    Policies = [Policy("Percent", 100, 30), Policy("Pods", 4, 30)],
                },
                ScaleDown = new V2HPAScalingRules
                {
                    StabilizationWindowSeconds = 300,
                    SelectPolicy = "Min",
                    Policies = [Policy("Percent", 50, 60)],
                },
            },
        },
    };

    private static V2MetricSpec Utilization(string resourceName, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resourceName, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };

    private static V2HPAScalingPolicy Policy(string type, int value, int periodSeconds) =>
        new() { Type = type, Value = value, PeriodSeconds = periodSeconds };
}
