using AspireK8s.Hosting;

namespace Comments.Kubernetes.Hosting.Tests;

/// <summary>
/// The deploy and destroy steps' kubectl calls, in-process against a recording stand-in: the exact arguments and their
/// order, the refusal before any call, and the error when a rollout does not finish.
/// </summary>
public sealed class KubernetesDeploymentTests : IDisposable
{
    private const string Rendered = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: comments
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: comments
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: cache
          namespace: comments
        ---
        apiVersion: postgresql.cnpg.io/v1
        kind: Cluster
        metadata:
          name: postgres
          namespace: comments
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          namespace: comments
          annotations:
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/0e6ad9f1-3c4b-4b8e-9d51-7f1e2a3b4c5d
        spec:
          rules:
          - host: comments.newsroom.dev
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("k8s-deploy-").FullName;

    private string Base => Path.Combine(_root, "base");

    private string Overlay => Path.Combine(_root, "overlays", "production");

    private string RenderedFile => Path.Combine(_root, "tmp", "rendered.yaml");

    public KubernetesDeploymentTests()
    {
        Directory.CreateDirectory(Base);
        Directory.CreateDirectory(Overlay);
        File.WriteAllText(Path.Combine(Base, "kustomization.yaml"), "resources: []\n");
        File.WriteAllText(Path.Combine(Base, "secrets.env"), "postgres-password=s3cret\n");
        File.WriteAllText(Path.Combine(Overlay, "kustomization.yaml"), "resources:\n- ../../base\n");
    }

    [Fact]
    public async Task A_deploy_renders_diffs_applies_what_it_rendered_and_waits_for_every_rollout()
    {
        var kubectl = new RecordingKubectl(Rendered);

        var result = await new KubernetesDeployment(kubectl).DeployAsync(Base, Overlay, RenderedFile, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(
            [
                $"kustomize {Overlay}",
                $"diff --server-side --field-manager=aspire-k8s --force-conflicts -f {RenderedFile}",
                $"apply --server-side --field-manager=aspire-k8s --force-conflicts -f {RenderedFile}",
                "rollout status deployment/api -n comments --timeout=300s",
                "rollout status statefulset/cache -n comments --timeout=300s",
                "wait --for=condition=Ready cluster.postgresql.cnpg.io/postgres -n comments --timeout=300s",
            ],
            kubectl.Calls);
        Assert.Equal(Rendered, await File.ReadAllTextAsync(RenderedFile));
        Assert.Equal(["https://comments.newsroom.dev"], result.Urls);
        Assert.Equal(["apps.v1.Deployment.comments.api"], result.Changed);
    }

    [Fact]
    public async Task A_deploy_refuses_before_any_kubectl_call_and_lists_every_problem()
    {
        File.WriteAllText(Path.Combine(Base, "secrets.env"), "postgres-password=s3cret\napi-key=\nstorage.outputs.blobEndpoint=\n");
        var kubectl = new RecordingKubectl(Rendered);

        var error = await Assert.ThrowsAsync<DeploymentException>(() =>
            new KubernetesDeployment(kubectl).DeployAsync(Base, Path.Combine(_root, "overlays", "prod"), RenderedFile, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Empty(kubectl.Calls);
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains($"{Path.Combine(_root, "overlays", "prod")} is not a kustomize overlay (no kustomization.yaml; overlays there: production): give the overlay parameter one of them.", error.Problems);
        Assert.Contains($"{Path.Combine(Base, "secrets.env")} has keys without a value: api-key, storage.outputs.blobEndpoint. Fill each (KEY=value, one a line), then deploy again.", error.Problems);
    }

    [Fact]
    public async Task A_rollout_that_does_not_finish_stops_the_deploy_with_what_to_look_at()
    {
        var kubectl = new RecordingKubectl(Rendered, arguments => arguments is ["rollout", _, "deployment/api", ..]
            ? new KubectlResult(1, "", "error: deployment \"api\" exceeded its progress deadline")
            : null);

        var error = await Assert.ThrowsAsync<DeploymentException>(() =>
            new KubernetesDeployment(kubectl).DeployAsync(Base, Overlay, RenderedFile, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal(
            "the rollout of deployment/api in namespace comments did not finish within 300 s: error: deployment \"api\" exceeded its progress deadline " +
            "Look at kubectl -n comments describe deployment/api and kubectl -n comments get events --sort-by=.lastTimestamp; " +
            "kubectl -n comments rollout undo deployment/api goes back to the previous revision.",
            Assert.Single(error.Problems));
        Assert.Equal("rollout status deployment/api -n comments --timeout=300s", kubectl.Calls[^1]);
    }

    [Fact]
    public async Task A_failed_apply_stops_before_any_rollout_is_awaited()
    {
        var kubectl = new RecordingKubectl(Rendered, arguments => arguments[0] == "apply" ? new KubectlResult(1, "", "Error from server (Forbidden): namespaces is forbidden") : null);

        var error = await Assert.ThrowsAsync<DeploymentException>(() =>
            new KubernetesDeployment(kubectl).DeployAsync(Base, Overlay, RenderedFile, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal("kubectl apply failed (1): Error from server (Forbidden): namespaces is forbidden", Assert.Single(error.Problems));
        Assert.DoesNotContain(kubectl.Calls, c => c.StartsWith("rollout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_destroy_deletes_what_the_overlay_renders()
    {
        var kubectl = new RecordingKubectl(Rendered);

        await new KubernetesDeployment(kubectl).DestroyAsync(Base, Overlay, RenderedFile, CancellationToken.None);

        Assert.Equal([$"kustomize {Overlay}", $"delete -f {RenderedFile} --ignore-not-found --wait=true"], kubectl.Calls);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
