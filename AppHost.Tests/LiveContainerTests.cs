using System.Diagnostics;
using System.Text.Json;

namespace Comments.AppHost.Tests;

/// <summary>
/// Where containers can run: the AppHost with Jaeger, Prometheus and Grafana, checked end to end. Elsewhere the test
/// is skipped with the reason, and fails under CI only when COMMENTS_EXPECT_CONTAINERS=true says a runtime should be there.
/// </summary>
public sealed class LiveContainerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Jaeger_receives_the_apis_traces_and_prometheus_scrapes_it()
    {
        await RequireContainerRuntimeAsync();

        // Fixed ports: Prometheus's config scrapes the api at its launch-profile port.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--AppHost:Containers=true", "--DcpPublisher:RandomizePorts=false"]);
        await using var app = await appHost.BuildAsync().WaitAsync(Timeout);
        await app.StartAsync().WaitAsync(Timeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api").WaitAsync(Timeout);

        using var api = app.CreateHttpClient("api");
        await ChallengeSession.ReplayAsync(api, contentIdOffset: Random.Shared.Next(1_000, 1_000_000));

        using var jaeger = app.CreateHttpClient("jaeger", "http");
        await EventuallyAsync("Jaeger lists the api's service", async () =>
        {
            using var services = JsonDocument.Parse(await jaeger.GetStringAsync("/api/services"));
            return services.RootElement.GetProperty("data").EnumerateArray().Any(s => s.GetString() == "api");
        });

        using var prometheus = app.CreateHttpClient("prometheus", "http");
        await EventuallyAsync("Prometheus has request durations of POST /api/comment/new", async () =>
        {
            var query = Uri.EscapeDataString("http_server_request_duration_seconds_count{http_route=\"/api/comment/new\"}");
            using var result = JsonDocument.Parse(await prometheus.GetStringAsync($"/api/v1/query?query={query}"));
            return result.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
        });
    }

    private static async Task RequireContainerRuntimeAsync()
    {
        var info = await ProcessRunner.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], timeout: TimeSpan.FromSeconds(10))
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        if (info is { ExitCode: 0 })
        {
            return;
        }

        var reason = $"No usable container runtime ('docker info' {(info is null ? "could not run" : $"failed: {info.Error.Trim()}")}).";
        if (ExternalTool.IsCi && Environment.GetEnvironmentVariable("COMMENTS_EXPECT_CONTAINERS") == "true")
        {
            Assert.Fail($"COMMENTS_EXPECT_CONTAINERS=true but: {reason}");
        }

        Skip.If(true, reason);
    }

    private static async Task EventuallyAsync(string what, Func<Task<bool>> check)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Timeout)
        {
            try
            {
                if (await check())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not ready yet.
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"Timed out waiting until {what}.");
    }
}
