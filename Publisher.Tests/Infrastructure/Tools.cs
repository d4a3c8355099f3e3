
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
}
