
namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>Runs external programs (the publisher, kubectl, node) with a time bound.</summary>
public static class Tools
{
    public static Task<ProcessRunner.Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null) =>
        ProcessRunner.RunAsync(program, arguments, workingDirectory, environment, TimeSpan.FromMinutes(3));

    /// <summary>The publisher command as users run it, from the test output.</summary>
    public static Task<ProcessRunner.Result> PublisherAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "aspire-k8s-publisher.dll"), .. arguments]);

    /// <summary>
    /// The publisher options of the AppHost (AppHost/Kubernetes.cs) as command-line flags: the manifest route to the same
    /// base, for the manifest does not carry probes, metrics, host, dashboards or the database setting.
    /// </summary>
    public static readonly string[] ManifestRouteOptions =
    [
        "--namespace", "comments",
        "--pod-security", "restricted",
        "--probe", "api=readiness:/health",
        "--probe", "api=liveness:/alive",
        "--probe", "api=startup:/alive",
        "--metrics", "api=/metrics",
        "--host", "api=comments.example.com",
        "--database", "postgres=cloudnativepg",
        "--dashboard", RepositoryRoot.Combine("AppHost", "observability", "grafana", "dashboards", "comments-api.json"),
    ];

    /// <summary>How the committed base is refreshed (CONTRIBUTING.md).</summary>
    public const string RefreshCommand = "dotnet tool restore && dotnet aspire publish -o deploy/k8s --non-interactive";

    /// <summary>
    /// <c>dotnet aspire publish -o &lt;output&gt;</c> with the Aspire CLI of .config/dotnet-tools.json, from the repository
    /// root (aspire.config.json names the AppHost): the base goes to &lt;output&gt;/base.
    /// </summary>
    public static async Task AspirePublishAsync(string output)
    {
        var run = await AspireCli.RunAsync(["publish", "-o", output]);
        Assert.True(run.ExitCode == 0, $"dotnet aspire publish failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
    }

    /// <summary>The publisher (this build, or <paramref name="publisher"/>) on aspire-manifest.json with <see cref="ManifestRouteOptions"/>.</summary>
    public static async Task ManifestRouteAsync(string output, string? publisher = null)
    {
        string[] arguments = [RepositoryRoot.Combine("aspire-manifest.json"), "--output", output, .. ManifestRouteOptions];
        var run = publisher is null ? await PublisherAsync(arguments) : await RunAsync(publisher, arguments);
        Assert.True(run.ExitCode == 0, $"the publisher failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
    }

    /// <summary>Every difference between two bases (secrets.env aside), as git diff shows it; empty when they are the same.</summary>
    public static async Task<string> DifferencesAsync(string expected, string actual)
    {
        static IEnumerable<string> Files(string directory) =>
            Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Where(n => n != "secrets.env");

        var differences = new System.Text.StringBuilder();
        foreach (var name in Files(expected).Union(Files(actual)).Order(StringComparer.Ordinal))
        {
            var (before, after) = (Path.Combine(expected, name), Path.Combine(actual, name));
            if (!File.Exists(before) || !File.Exists(after) || File.ReadAllText(before) != File.ReadAllText(after))
            {
                var diff = await RunAsync("git", ["diff", "--no-index", "--no-color", File.Exists(before) ? before : "/dev/null", File.Exists(after) ? after : "/dev/null"]);
                differences.AppendLine(diff.Output.Length > 0 ? diff.Output : $"{name} differs");
            }
        }

        return differences.ToString();
    }

    /// <summary>A copy of the committed base, with a secrets.env of sample values so that kustomize builds it.</summary>
    public static void CopyCommittedBase(string root)
    {
        DeployFolder.Copy("base", Path.Combine(root, "base"));
        File.WriteAllText(Path.Combine(root, "base", "secrets.env"), "postgres-password=s3cret\npostgres-password-uri-encoded=s3cret\n");
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
        DeployFolder.Copy("components", Path.Combine(root, "components"));
        DeployFolder.Copy("overlays", Path.Combine(root, "overlays"));

        foreach (var overlay in Directory.GetDirectories(Path.Combine(root, "overlays")))
        {
            File.WriteAllText(Path.Combine(overlay, "environment.env"),
                $"image={SampleImage}\nhost={Path.GetFileName(overlay)}.newsroom.dev\ncertificate-arn=arn:aws:acm:eu-west-1:123456789012:certificate/0e6ad9f1-3c4b-4b8e-9d51-7f1e2a3b4c5d\n" +
                "backup-bucket=newsroom-comments-backups\nregion=eu-west-1\n");
        }
    }
}
