namespace Comments.Kubernetes.Hosting.Tests;

/// <summary>
/// aspire deploy and aspire destroy of this repository's AppHost, with the real Aspire CLI, against a recording
/// stand-in for kubectl first on PATH (no cluster here): it renders with the real kubectl kustomize, records every
/// call, and answers the rest as a cluster would. pipe.yaml runs the real thing.
/// </summary>
public sealed class AspireDeployTests : IDisposable
{
    private const string Kubectl = """
        #!/usr/bin/env bash
        echo "$*" >> "$KUBECTL_LOG"
        case "$1" in
          kustomize) exec "$REAL_KUBECTL" "$@" ;;
          diff) echo "diff -u -N /tmp/LIVE-1/apps.v1.Deployment.comments.api /tmp/MERGED-1/apps.v1.Deployment.comments.api"; exit 1 ;;
          apply) echo "deployment.apps/api serverside-applied" ;;
          rollout)
            if [ "$3" = "${FAIL_ROLLOUT:-}" ]; then echo "error: $3 exceeded its progress deadline" >&2; exit 1; fi
            echo "$3 successfully rolled out" ;;
          wait | delete) echo "done" ;;
          *) echo "unexpected: kubectl $*" >&2; exit 99 ;;
        esac
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("aspire-deploy-").FullName;

    private string Output => Path.Combine(_root, "k8s");

    private string Log => Path.Combine(_root, "kubectl.log");

    public AspireDeployTests()
    {
        DeployFolder.Copy("overlays", Path.Combine(Output, "overlays"));
        DeployFolder.Copy("components", Path.Combine(Output, "components"));

        // What deploy/k8s/render.sh writes for a deployment.
        File.WriteAllText(Path.Combine(Output, "overlays", "production", "environment.env"),
            "image=123456789012.dkr.ecr.eu-west-1.amazonaws.com/comments-api@sha256:4f1c2a9e0b7d3e5f6a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c\n" +
            "host=comments.newsroom.dev\ncertificate-arn=arn:aws:acm:eu-west-1:123456789012:certificate/0e6ad9f1-3c4b-4b8e-9d51-7f1e2a3b4c5d\n" +
            "backup-bucket=newsroom-comments-backups\nregion=eu-west-1\n");
        StandIn.Write(Path.Combine(_root, "bin"), "kubectl", Kubectl);
    }

    [SkippableFact]
    public async Task Aspire_deploy_publishes_applies_the_overlay_server_side_waits_and_prints_the_url()
    {
        var run = await RunAsync(["deploy", "-o", Output, "--clear-cache"]);

        Assert.True(run.ExitCode == 0, $"aspire deploy failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
        var calls = File.ReadAllLines(Log);
        Assert.Equal(5, calls.Length);
        Assert.Equal($"kustomize {Output}/overlays/production", calls[0]);
        Assert.Matches(@"^diff --server-side --field-manager=aspire-k8s --force-conflicts -f /\S+/rendered\.yaml$", calls[1]);
        Assert.Equal(calls[1].Replace("diff ", "apply ", StringComparison.Ordinal), calls[2]);
        Assert.Equal("rollout status deployment/api -n comments --timeout=300s", calls[3]);
        Assert.Equal("wait --for=condition=Ready cluster.postgresql.cnpg.io/postgres -n comments --timeout=300s", calls[4]);
        Assert.True(File.Exists(Path.Combine(Output, "base", "kustomization.yaml")), "deploy did not publish the base first");
        Assert.Contains("https://comments.newsroom.dev", run.Output, StringComparison.Ordinal);
        Assert.Contains("apps.v1.Deployment.comments.api", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Aspire_deploy_fails_when_a_rollout_does_not_finish()
    {
        var run = await RunAsync(["deploy", "-o", Output, "--clear-cache"], failRollout: "deployment/api");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the rollout of deployment/api in namespace comments did not finish", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllLines(Log), c => c.StartsWith("wait", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Aspire_destroy_deletes_what_the_overlay_renders()
    {
        var publish = await RunAsync(["publish", "-o", Output]);
        Assert.True(publish.ExitCode == 0, $"aspire publish failed ({publish.ExitCode}):\n{publish.Output}\n{publish.Error}");

        var run = await RunAsync(["destroy", "-o", Output, "--yes"]);

        Assert.True(run.ExitCode == 0, $"aspire destroy failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
        var calls = File.ReadAllLines(Log);
        Assert.Equal(2, calls.Length);
        Assert.Equal($"kustomize {Output}/overlays/production", calls[0]);
        Assert.Matches(@"^delete -f /\S+/rendered\.yaml --ignore-not-found --wait=true$", calls[1]);
    }

    private async Task<ProcessRunner.Result> RunAsync(string[] arguments, string failRollout = "")
    {
        var kubectl = ExternalTool.Find("kubectl");
        ExternalTool.Require(kubectl is null ? "kubectl is not installed (the stand-in renders with the real kubectl kustomize)." : null);
        return await AspireCli.RunAsync(arguments, new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(_root, "bin")}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}",
            ["KUBECTL_LOG"] = Log,
            ["REAL_KUBECTL"] = kubectl!,
            ["FAIL_ROLLOUT"] = failRollout,
            ["Parameters__overlay"] = "production",
        });
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
