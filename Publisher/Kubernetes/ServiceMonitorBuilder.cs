using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>A ServiceMonitor for kube-prometheus-stack, for a workload whose scrape endpoint is declared.</summary>
public static class ServiceMonitorBuilder
{
    public static ServiceMonitor Build(ManifestResource resource, ServedPort port, string path, PublisherOptions options)
    {
        var metadata = Workload.Metadata(resource);
        metadata.Labels["release"] = options.PrometheusRelease;
        return new ServiceMonitor
        {
            Metadata = metadata,
            Spec = new ServiceMonitorSpec
            {
                Selector = new V1LabelSelector { MatchLabels = Names.Selector(resource.Name) },
                Endpoints = [new ServiceMonitorEndpoint { Port = port.Name, Path = path }],
            },
        };
    }
}
