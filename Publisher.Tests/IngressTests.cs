using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests;

/// <summary>What the Ingress of a workload says to the load balancer in front of it.</summary>
public sealed class IngressTests
{
    // Keycloak serving its own certificate on 8443, and a project whose https binding TLS at the load balancer replaces.
    private const string Manifest = """
        {"resources": {
          "idp": {"type": "container.v0", "image": "quay.io/keycloak/keycloak:26.5",
                  "bindings": {"https": {"scheme": "https", "protocol": "tcp", "transport": "http", "targetPort": 8443, "external": true}}},
          "web": {"type": "project.v0", "path": "Web.csproj",
                  "bindings": {"http": {"scheme": "http", "protocol": "tcp", "transport": "http", "external": true},
                               "https": {"scheme": "https", "protocol": "tcp", "transport": "http", "external": true}}}
        }}
        """;

    [Theory]
    [InlineData("alb", "alb.ingress.kubernetes.io/backend-protocol")]
    [InlineData("nginx", "nginx.ingress.kubernetes.io/backend-protocol")]
    public void A_backend_that_serves_only_https_is_spoken_to_in_https(string ingressClass, string annotation)
    {
        var result = KubernetesPublisher.Publish(ManifestReader.Parse(Manifest, "m.json"), new PublisherOptions { IngressClass = ingressClass });

        Assert.Equal("HTTPS", Ingress(result, "idp").Metadata.Annotations[annotation]);
        Assert.Equal(8443, Ingress(result, "idp").Spec.Rules[0].Http.Paths[0].Backend.Service.Port.Number);
        Assert.DoesNotContain(annotation, Ingress(result, "web").Metadata.Annotations.Keys);
    }

    private static V1Ingress Ingress(PublishResult result, string name) =>
        KubernetesYaml.Deserialize<V1Ingress>(result.Files.Single(f => f.Name == $"{name}-ingress.yaml").Content);
}
