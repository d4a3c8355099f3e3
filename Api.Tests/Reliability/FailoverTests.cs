using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Npgsql;

namespace Comments.Api.Tests.Reliability;

/// <summary>
/// What CloudNativePG builds, on this machine's binaries: a primary with a synchronous hot standby, and the api on both
/// through Npgsql's multi-host connection string (Target Session Attributes=primary), as a client does when nothing
/// moves a Service for it. The primary is killed under write load, then the standby promoted, as the operator would.
/// </summary>
public sealed class FailoverTests
{
    private const string Standby = "standby1";
    private const int Writers = 8;
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    [SkippableFact]
    public async Task A_failover_under_write_load_loses_no_acknowledged_comment_and_the_api_finds_the_new_primary()
    {
        await using var primary = await PostgresServer.StartPrimaryAsync(Standby);
        var direct = await primary.CreateDatabaseAsync("failover");
        await using var standby = await primary.StartStandbyAsync(Standby);
        await WaitForSynchronousStandbyAsync(direct);

        var hosts = new NpgsqlConnectionStringBuilder(direct)
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}",
            TargetSessionAttributes = "primary",
        };
        var settings = ApiFactory.StoreSettings(hosts.ConnectionString);
        settings["Database:Timeout"] = DatabaseTimeout.ToString();
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();

        var acknowledged = new ConcurrentQueue<(string Text, TimeSpan Sent, TimeSpan At)>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"w{writer}-n{i}";
                var sent = clock.Elapsed;
                using var response = await client.PostAsJsonAsync("/api/comment/new", new { email = "f@example.com", comment = text, content_id = "failover" });
                var took = clock.Elapsed - sent;
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                lock (statuses)
                {
                    slowest = took > slowest ? took : slowest;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Enqueue((text, sent, clock.Elapsed));
                }
                else
                {
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        var killed = clock.Elapsed;
        await primary.KillServerAsync();
        var dead = clock.Elapsed;
        await Task.Delay(1500);
        await standby.PromoteAsync();
        var promoted = clock.Elapsed;

        var recovered = Stopwatch.StartNew();
        while (!acknowledged.Any(a => a.At > promoted + TimeSpan.FromSeconds(1)) && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // The first comment acknowledged of those sent once the old primary was gone: the new primary stored it.
        var firstAfterKill = acknowledged.Where(a => a.Sent > dead).Select(a => a.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        Assert.True(firstAfterKill < TimeSpan.MaxValue, "the api did not serve writes again after the standby was promoted");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses.Keys.Order());
        Assert.InRange(slowest, TimeSpan.Zero, DatabaseTimeout + TimeSpan.FromSeconds(3));

        // Read from the new primary itself, not through the api's cache.
        var promotedDirect = new NpgsqlConnectionStringBuilder(direct) { Port = standby.Port }.ConnectionString;
        var stored = await StoredCommentsAsync(promotedDirect);
        Assert.Empty(acknowledged.Select(a => a.Text).Except(stored));   // nothing acknowledged was lost
        Assert.Equal(stored.Count, stored.Distinct().Count());           // nothing was stored twice

        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The change listener is back, on the new primary: a comment added there by SQL reaches the cached page.
        (await client.PostAsJsonAsync("/api/comment/new", new { email = "s@example.com", comment = "through the api", content_id = "by-sql" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain("added by hand", await client.GetStringAsync("/api/comment/list/by-sql"), StringComparison.Ordinal);
        await using (var connection = new NpgsqlConnection(promotedDirect))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO comments (request_id, content_id, email, comment) VALUES (gen_random_uuid(), 'by-sql', 's@example.com', 'added by hand')", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var seen = Stopwatch.StartNew();
        while (!(await client.GetStringAsync("/api/comment/list/by-sql")).Contains("added by hand", StringComparison.Ordinal))
        {
            Assert.True(seen.Elapsed < TimeSpan.FromSeconds(10), "the page cached before the failover never showed the comment added on the new primary");
            await Task.Delay(200);
        }

        Console.WriteLine(
            $"failover under load: {statuses.Values.Sum()} requests, {statuses.GetValueOrDefault(HttpStatusCode.OK)} x 200, " +
            $"{statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable)} x 503, slowest {slowest.TotalMilliseconds:F0} ms; " +
            $"kill to first 200 {(firstAfterKill - killed).TotalSeconds:F2} s, promotion to first 200 {(firstAfterKill - promoted).TotalSeconds:F2} s; " +
            $"{stored.Count} stored, 0 lost");
    }

    private static async Task WaitForSynchronousStandbyAsync(string primary)
    {
        await using var connection = new NpgsqlConnection(primary);
        await connection.OpenAsync();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var query = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_replication WHERE application_name = '{Standby}' AND sync_state = 'sync'", connection);
            if ((long)(await query.ExecuteScalarAsync())! == 1)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the standby did not become a synchronous standby");
            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> StoredCommentsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT comment FROM comments WHERE content_id = 'failover'", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var stored = new List<string>();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }
}
