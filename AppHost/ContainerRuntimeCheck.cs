using System.ComponentModel;
using System.Diagnostics;

namespace Comments.AppHost;

/// <summary>
/// Whether containers can run here. Aspire would otherwise start them anyway and leave them unhealthy (or wait for
/// the runtime); the AppHost uses this to leave them out and say so.
/// </summary>
internal static class ContainerRuntimeCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when <c>&lt;runtime&gt; info</c> reaches a container engine, else why not.</summary>
    public static string? WhyUnusable(string runtime)
    {
        var start = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("info");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("{{.ServerVersion}}");

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"'{runtime} info' did not answer within {Timeout.TotalSeconds:0} s";
            }

            if (process.ExitCode == 0 && !string.IsNullOrWhiteSpace(output.Result))
            {
                return null;
            }

            var firstLine = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return $"'{runtime} info' failed: {firstLine ?? $"exit code {process.ExitCode}"}";
        }
        catch (Win32Exception)
        {
            return $"'{runtime}' is not installed";
        }
    }
}
