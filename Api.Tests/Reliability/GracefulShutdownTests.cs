using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Comments.Api.Tests.Reliability;

/// <summary>
/// SIGTERM under load, as Kubernetes sends it: readiness turns unhealthy first, in-flight requests complete, a
/// client that respects readiness sees no failure, and the process exits inside the Publisher's grace period.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    /// <summary>terminationGracePeriodSeconds the Publisher emits for projects (preStop 5 s + shutdown 30 s + 5 s).</summary>
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(40);

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-shutdown-").FullName;

    [Fact]
    public async Task Sigterm_under_load_fails_no_request_of_a_client_that_respects_readiness()
    {
        var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = Path.Combine(_directory, "comments.db"),
            ["RateLimiting__Writes__PermitLimit"] = "1000000",
            ["Shutdown__DrainDelay"] = "00:00:03",
        }, _directory);
        await using var _ = api;
        using var client = api.CreateClient();

        var ready = true;
        var sawNotReady = false;
        var failures = new ConcurrentBag<string>();
        var completed = 0;
        var afterSigterm = 0;
        var sigtermSent = false;

        // The client watches readiness like a load balancer does, and sends only while the API is ready.
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var health = await client.GetAsync("/health");
                    if (health.StatusCode != HttpStatusCode.OK)
                    {
                        sawNotReady = true;
                        ready = false;
                    }
                }
                catch (HttpRequestException)
                {
                    ready = false;
                }

                await Task.Delay(50);
            }
        });
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; ready && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = i % 3 == 0
                        ? await client.PostAsJsonAsync("/api/comment/new", new { email = "t@example.com", comment = $"w{worker} {i}", content_id = "shutdown" })
                        : await client.GetAsync("/api/comment/list/shutdown");
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
                    {
                        failures.Add($"{(int)response.StatusCode}");
                    }

                    Interlocked.Increment(ref completed);
                    if (sigtermSent)
                    {
                        Interlocked.Increment(ref afterSigterm);
                    }
                }
                catch (HttpRequestException ex)
                {
                    failures.Add(ex.Message);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        sigtermSent = true;
        var (exitCode, duration) = await api.TerminateAsync(GracePeriod);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await watcher;

        Assert.Empty(failures);
        Assert.True(sawNotReady, "readiness never turned unhealthy before the server went away");
        Assert.True(afterSigterm > 0, "no request was served after SIGTERM: the drain was not exercised");
        Assert.Equal(0, exitCode);
        Assert.InRange(duration, TimeSpan.Zero, GracePeriod);
        Console.WriteLine($"graceful shutdown: {completed} requests, {afterSigterm} served after SIGTERM, 0 failed, exit {exitCode} after {duration.TotalSeconds:F1} s");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
