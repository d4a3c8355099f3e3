using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Comments.AppHost.Tests;

/// <summary>
/// The real scrape path without containers: Debian's prometheus binary, the repo's scrape config pointed at a
/// running api, and the request-duration series of the comment routes showing up in Prometheus.
/// </summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private static readonly string ScrapeConfig = RepositoryRoot.Combine("AppHost", "observability", "prometheus", "prometheus.yml");

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-prometheus-").FullName;

    private static string? WhyMissing(string tool) =>
        ExternalTool.Find(tool) is null ? $"'{tool}' is not installed (apt-get install prometheus)." : null;

    [SkippableFact]
    public async Task Promtool_accepts_the_scrape_config()
    {
        ExternalTool.Require(WhyMissing("promtool"));

        var check = await ProcessRunner.RunAsync("promtool", ["check", "config", ScrapeConfig]);

        Assert.True(check.ExitCode == 0, $"promtool check config failed:\n{check.Output}\n{check.Error}");
    }

    [SkippableFact]
    public async Task Prometheus_scrapes_request_durations_of_the_comment_routes()
    {
        ExternalTool.Require(WhyMissing("prometheus"));
        await using var api = await ApiProcess.StartAsync(
            new Dictionary<string, string> { ["Database__SqlitePath"] = Path.Combine(_directory, "comments.db") }, _directory);
        using (var client = api.CreateClient())
        {
            (await client.PostAsJsonAsync("/api/comment/new", new { email = "p@example.com", comment = "scraped", content_id = 1 })).EnsureSuccessStatusCode();
            (await client.GetAsync("/api/comment/list/1")).EnsureSuccessStatusCode();
        }

        // The repo's config as it is, with only the target moved from the container view of the host to this api.
        var config = (await File.ReadAllTextAsync(ScrapeConfig)).Replace("host.docker.internal:5080", api.Address.Authority, StringComparison.Ordinal);
        Assert.Contains(api.Address.Authority, config, StringComparison.Ordinal);
        var configPath = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config);

        var prometheusAddress = $"127.0.0.1:{LoopbackPort.Next()}";
        using var prometheus = Process.Start(new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={configPath}",
                $"--storage.tsdb.path={Path.Combine(_directory, "tsdb")}",
                $"--web.listen-address={prometheusAddress}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var log = prometheus.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://{prometheusAddress}"), Timeout = TimeSpan.FromSeconds(5) };
            var routes = await WaitForRoutesAsync(client, prometheus);

            Assert.Contains("/api/comment/new", routes);
            Assert.Contains("/api/comment/list/{content_id}", routes);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    private static async Task<HashSet<string>> WaitForRoutesAsync(HttpClient client, Process prometheus)
    {
        const string query = "/api/v1/query?query=http_server_request_duration_seconds_count%7Bjob%3D%22comments-api%22%7D";
        var routes = new HashSet<string>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && routes.Count < 2)
        {
            Assert.False(prometheus.HasExited, "prometheus exited");
            try
            {
                using var result = JsonDocument.Parse(await client.GetStringAsync(query));
                foreach (var series in result.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
                {
                    if (series.GetProperty("metric").TryGetProperty("http_route", out var route))
                    {
                        routes.Add(route.GetString()!);
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }

            await Task.Delay(500);
        }

        return routes;
    }


    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
