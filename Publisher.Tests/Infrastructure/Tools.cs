using System.Diagnostics;

namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>Runs external programs (the publisher, kubectl, node) with a time bound.</summary>
public static class Tools
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? TestPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in time.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The publisher command as users run it, from the test output.</summary>
    public static Task<Result> PublisherAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "aspire-k8s-publisher.dll"), .. arguments]);

    /// <summary>Runs deploy/k8s/generate-base.sh into <paramref name="output"/> with the tests' build of the publisher.</summary>
    public static async Task GenerateBaseAsync(string output)
    {
        var run = await RunAsync("bash", [TestPaths.Repo("deploy", "k8s", "generate-base.sh"), output],
            environment: new Dictionary<string, string> { ["PUBLISHER_RUN_ARGS"] = $"--no-build -c {Configuration}" });
        Assert.True(run.ExitCode == 0, $"generate-base.sh failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");
    }

    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string? KubectlMissing => ExternalToolPath("kubectl") is null ? "kubectl is not installed (it builds kustomizations offline)." : null;

    public static async Task<string> KustomizeAsync(string directory)
    {
        Comments.Api.Tests.Infrastructure.ExternalTool.Require(KubectlMissing);
        var build = await RunAsync("kubectl", ["kustomize", directory]);
        Assert.True(build.ExitCode == 0, $"kubectl kustomize {directory} failed:\n{build.Error}");
        return build.Output;
    }

    private static string? ExternalToolPath(string name) => Comments.Api.Tests.Infrastructure.ExternalTool.Find(name);
}
