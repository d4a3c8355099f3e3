using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

public static class AutoscalerBuilder
{
    /// <summary>Whether an app gets an autoscaler: unless it is turned off for it.</summary>
    public static bool Scales(ManifestResource resource, ResourceOptions settings) => Workload.IsApp(resource) && settings.Autoscaling?.Enabled != false;

    public static V2HorizontalPodAutoscaler Build(ManifestResource resource, ResourceOptions settings, PublisherOptions options)
    {
        var minimum = settings.Autoscaling?.MinReplicas ?? settings.Replicas ?? options.MinReplicas;
        return Build(resource, minimum, settings.Autoscaling?.MaxReplicas ?? Math.Max(options.MaxReplicas, minimum),
            settings.Autoscaling?.CpuUtilization ?? options.CpuUtilization, settings.Autoscaling?.MemoryUtilization ?? options.MemoryUtilization);
    }

    private static V2HorizontalPodAutoscaler Build(ManifestResource resource, int minimum, int maximum, int cpu, int memory) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Workload.Metadata(resource),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = Names.Service(resource.Name), ApiVersion = "apps/v1" },
            MinReplicas = minimum,
            MaxReplicas = maximum,
            Metrics =
            [
                Utilization("cpu", cpu),
                Utilization("memory", memory),
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
