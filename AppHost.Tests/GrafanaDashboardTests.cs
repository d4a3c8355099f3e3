using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Comments.AppHost.Tests;

/// <summary>The provisioned Grafana dashboard is valid and every query names metrics the api really exports.</summary>
public sealed partial class GrafanaDashboardTests : IDisposable
{
    private static readonly string Dashboard = RepositoryRoot.Combine("AppHost", "observability", "grafana", "dashboards", "comments-api.json");
    private static readonly string DataSources = RepositoryRoot.Combine("AppHost", "observability", "grafana", "provisioning", "datasources", "datasources.yaml");

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-grafana-").FullName;

    [Fact]
    public void The_dashboard_is_valid_and_covers_what_the_api_needs()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = dashboard.RootElement;
        Assert.Equal("comments-api", root.GetProperty("uid").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToArray();
        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        var dataSourceUids = File.ReadAllLines(DataSources).Where(l => l.TrimStart().StartsWith("uid:", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)[1].Trim()).ToHashSet();
        foreach (var panel in panels)
        {
            Assert.Contains(panel.GetProperty("datasource").GetProperty("uid").GetString()!, dataSourceUids);
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }

        var titles = panels.Select(p => p.GetProperty("title").GetString()).ToArray();
        foreach (var expected in new[] { "Request rate by route", "Error rate by route", "Latency p50 by route", "Latency p95 by route", "Latency p99 by route", "Comments created per second", "Database call latency", "CPU", "Memory", "GC collections per second", "Thread pool" })
        {
            Assert.Contains(expected, titles);
        }
    }

    [SkippableFact]
    public async Task Every_query_names_only_metrics_the_api_exports()
    {
        // PostgreSQL, as in the cluster: the database panel reads Npgsql's metrics there.
        var environment = new Dictionary<string, string> { ["ConnectionStrings__comments"] = await SharedPostgres.CreateDatabaseAsync("grafana") };
        await using var api = await ApiProcess.StartAsync(environment, _directory);
        using var client = api.CreateClient();
        (await client.PostAsJsonAsync("/api/comment/new", new { email = "g@example.com", comment = "graphed", content_id = 1 })).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/comment/list/1")).EnsureSuccessStatusCode();
        var exported = (await client.GetStringAsync("/metrics")).Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => MetricName().Match(l).Value)
            .ToHashSet();

        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Dashboard));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => MetricsIn(t.GetProperty("expr").GetString()!))
            .ToHashSet();

        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(exported));
    }

    /// <summary>Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or durations.</summary>
    public static IEnumerable<string> MetricsIn(string expression)
    {
        var stripped = Strings().Replace(expression, "");
        stripped = Matchers().Replace(stripped, "");
        stripped = Grouping().Replace(stripped, "");
        stripped = Ranges().Replace(stripped, "");
        return Identifiers().Matches(stripped).Select(m => m.Value)
            .Where(name => name is not ("and" or "or" or "unless" or "bool" or "offset") && !double.TryParse(name, out _));
    }

    [Fact]
    public void Metric_names_are_read_out_of_promql()
    {
        Assert.Equal(
            ["http_server_request_duration_seconds_bucket"],
            MetricsIn("histogram_quantile(0.95, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{http_route!=\"\"}[$__rate_interval])))"));
        Assert.Equal(["a_total", "b_total"], MetricsIn("sum(rate(a_total{x=~\"5..\"}[1m])) / sum without (y) (rate(b_total[1m]))"));
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()\b(?!\s*\()")]
    private static partial Regex Identifiers();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
