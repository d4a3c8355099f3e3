using System.Diagnostics;
using System.Net;
using System.Text;

namespace Comments.AppHost.Tests;

/// <summary>
/// <c>dotnet run --project AppHost</c> on a machine without a usable container runtime: the api and the Aspire
/// dashboard start, one warning says what was left out, nothing hangs and no stack trace is printed.
/// </summary>
public sealed class NoContainerRuntimeTests : IDisposable
{
    // The api's SQLite file, and bin/ with the stub docker client.
    private readonly string _directory = Directory.CreateTempSubdirectory("comments-apphost-").FullName;

    [Fact]
    public async Task Without_a_container_runtime_the_apphost_starts_the_api_and_warns_once()
    {
        var output = new StringBuilder();
        var dashboard = $"http://127.0.0.1:{LoopbackPort.Next()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The built AppHost itself rather than `dotnet run`, which does not pass Ctrl+C on to it.
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AppHost.dll"));

        // A docker client whose engine is unreachable, as on this machine, the same way on every machine.
        start.Environment["PATH"] = $"{StubDocker(Path.Combine(_directory, "bin"))}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment.Remove("ASPIRE_CONTAINER_RUNTIME");
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = dashboard;
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPort.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["Database__SqlitePath"] = Path.Combine(_directory, "comments.db");

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var api = await WaitForAsync(async () =>
            {
                using var response = await client.GetAsync("http://localhost:5080/");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }, process, output);
            Assert.Contains("\"storage\":\"sqlite\"", api, StringComparison.Ordinal);

            using var dashboardResponse = await client.GetAsync(dashboard);
            Assert.True(dashboardResponse.IsSuccessStatusCode, $"Aspire dashboard answered {dashboardResponse.StatusCode}");
        }
        finally
        {
            await StopAsync(process);
        }

        var text = Text(output);
        var warnings = text.Split('\n').Where(l => l.Contains("no containers", StringComparison.Ordinal)).ToArray();
        var warning = Assert.Single(warnings);
        Assert.Contains("'docker info' failed: Cannot connect to the Docker daemon (test stub)", warning, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL, Jaeger, Prometheus and Grafana are left out", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains('(', StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string StubDocker(string directory)
    {
        StandIn.Write(directory, "docker", "#!/bin/sh\necho 'Cannot connect to the Docker daemon (test stub)' >&2\nexit 1\n");
        return directory;
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe, Process process, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(process.HasExited, $"The AppHost exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Text(output)}");
            try
            {
                if (await probe() is { } result)
                {
                    return result;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not up yet, or too slow to answer within one request's timeout on a busy machine: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The api did not answer through the AppHost:\n{Text(output)}");
    }

    /// <summary>Ctrl+C, as a developer stops it; then make sure nothing is left behind.</summary>
    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Fall through to the kill below.
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

}
