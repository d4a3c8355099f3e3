using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using Comments.Publisher.Tests.Infrastructure;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests;

/// <summary>
/// The Pod Security level of the namespace (--pod-security, WithPodSecurity): the base creates the namespace labelled
/// with it, and the summary's advice on images of unknown users follows it. Pure: the publish result, not files.
/// </summary>
public sealed class PodSecurityTests
{
    // Node, Python and nginx apps built from Dockerfiles: their users are not known.
    private static AspireManifest DockerfileApps => ManifestReader.Parse(File.ReadAllText(TestManifests.PathOf(Path.Combine("corpus", "dockerfile-apps.json"))), "dockerfile-apps.json");

    [Theory]
    [InlineData(PodSecurityLevel.Restricted, "restricted")]
    [InlineData(PodSecurityLevel.Baseline, "baseline")]
    [InlineData(PodSecurityLevel.Privileged, "privileged")]
    public void The_base_creates_its_namespace_enforcing_the_level(PodSecurityLevel level, string label)
    {
        var result = KubernetesPublisher.Publish(DockerfileApps, new PublisherOptions { Namespace = "newsroom", PodSecurity = level });

        var created = KubernetesYaml.Deserialize<V1Namespace>(result.Files.Single(f => f.Name == "newsroom-namespace.yaml").Content, strict: true);
        Assert.Equal("newsroom", created.Metadata.Name);
        Assert.Equal(
            [("pod-security.kubernetes.io/audit", label), ("pod-security.kubernetes.io/enforce", label), ("pod-security.kubernetes.io/warn", label)],
            created.Metadata.Labels.Select(l => (l.Key, l.Value)).Order());
        var kustomization = result.Files.Single(f => f.Name == KubernetesPublisher.KustomizationFile).Content;
        Assert.Contains("namespace: newsroom\n", kustomization, StringComparison.Ordinal);
        Assert.Contains("- newsroom-namespace.yaml\n", kustomization, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_level_the_namespace_is_left_to_the_overlays()
    {
        var result = KubernetesPublisher.Publish(DockerfileApps, new PublisherOptions { Namespace = "newsroom" });

        Assert.DoesNotContain(result.Files, f => f.Name.EndsWith("-namespace.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_level_without_a_namespace_is_refused_with_the_fix()
    {
        var error = Assert.Throws<PublishException>(() => KubernetesPublisher.Publish(DockerfileApps, new PublisherOptions { PodSecurity = PodSecurityLevel.Restricted }));

        Assert.Contains("the Pod Security level restricted is a label of the namespace the base creates, and no namespace is given: pass --namespace <ns>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "or label the namespace pod-security.kubernetes.io/enforce=baseline")]
    [InlineData(PodSecurityLevel.Restricted, "the restricted Pod Security level of the namespace refuses it")]
    [InlineData(PodSecurityLevel.Baseline, null)]
    [InlineData(PodSecurityLevel.Privileged, null)]
    public void The_advice_on_an_image_of_unknown_user_follows_the_level(PodSecurityLevel? level, string? advice)
    {
        var result = KubernetesPublisher.Publish(DockerfileApps, new PublisherOptions { Namespace = "newsroom", PodSecurity = level });

        var notes = result.Summary.Where(s => s.Type is "dockerfile.v0" or "container.v1").Select(s => s.Notes).ToList();
        Assert.Equal(4, notes.Count);
        if (advice is null)
        {
            Assert.All(notes, n => Assert.DoesNotContain("not known to be non-root", n, StringComparison.Ordinal));
        }
        else
        {
            Assert.All(notes, n => Assert.Contains(advice, n, StringComparison.Ordinal));
        }
    }
}
