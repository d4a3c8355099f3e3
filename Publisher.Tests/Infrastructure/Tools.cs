
namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>Runs external programs (the publisher, kubectl, node) with a time bound.</summary>
public static class Tools
{
    public static Task<ProcessRunner.Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync(program, arguments, workingDirectory, environment, TimeSpan.FromMinutes(3));

    /// <summary>The publisher command as users run it, from the test output.</summary>
    public static Task<ProcessRunner.Result> PublisherAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "aspire-k8s-publisher.dll"), .. arguments]);

    /// <summary>Runs deploy/k8s/generate-base.sh into <paramref name="output"/> with the tests' build of the publisher.</summary>
    public static async Task GenerateBaseAsync(string output)
    {
        var run = await RunAsync("bash", [RepositoryRoot.Combine("deploy", "k8s", "generate-base.sh"), output],
            environment: new Dictionary<string, string> { ["PUBLISHER_RUN_ARGS"] = $"--no-build -c {ProcessRunner.Configuration}" });
        Assert.True(run.ExitCode == 0, $"generate-base.sh failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
    }

    public static string? KubectlMissing => ExternalTool.Find("kubectl") is null ? "kubectl is not installed (it builds kustomizations offline)." : null;

    public static async Task<string> KustomizeAsync(string directory)
    {
        ExternalTool.Require(KubectlMissing);
        var build = await RunAsync("kubectl", ["kustomize", directory]);
        Assert.True(build.ExitCode == 0, $"kubectl kustomize {directory} failed:\n{build.Error}");
        return build.Output;
    }

    /// <summary>The api image that the overlays' sample environment.env gives (by digest, as the pipeline does).</summary>
    public const string SampleImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/comments-api@sha256:4f1c2a9e0b7d3e5f6a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";

    /// <summary>
    /// Copies deploy/k8s's components and overlays next to a generated base in <paramref name="root"/>, each overlay with
    /// an environment.env of sample values in the shapes deploy/k8s/render.sh writes.
    /// </summary>
    public static void CopyOverlays(string root)
    {
        foreach (var folder in new[] { "components", "overlays" })
        {
            var from = RepositoryRoot.Combine("deploy", "k8s", folder);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".env", StringComparison.Ordinal)))
            {
                var target = Path.Combine(root, folder, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }

        foreach (var overlay in Directory.GetDirectories(Path.Combine(root, "overlays")))
        {
            File.WriteAllText(Path.Combine(overlay, "environment.env"),
                $"image={SampleImage}\nhost={Path.GetFileName(overlay)}.newsroom.dev\ncertificate-arn=arn:aws:acm:eu-west-1:123456789012:certificate/0e6ad9f1-3c4b-4b8e-9d51-7f1e2a3b4c5d\n" +
                "backup-bucket=newsroom-comments-backups\nregion=eu-west-1\n");
        }
    }
}
