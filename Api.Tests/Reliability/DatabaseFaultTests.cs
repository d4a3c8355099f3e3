using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Comments.Api.Tests.Reliability;

/// <summary>PostgreSQL killed under a sustained write load, and PostgreSQL too slow to answer: bounded failures, no loss.</summary>
public sealed class DatabaseFaultTests
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = DatabaseTimeout + TimeSpan.FromSeconds(3);

    [SkippableFact]
    public async Task Killing_postgres_under_write_load_loses_no_acknowledged_comment_and_duplicates_none()
    {
        await using var server = await PostgresServer.StartAsync();
        var settings = ApiFactory.StoreSettings(await server.CreateDatabaseAsync("kill"));
        settings["Database:Timeout"] = DatabaseTimeout.ToString();
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        settings["Logging:LogLevel:Default"] = "Trace";
        using var logs = new LogCapture();
        await using var factory = new ApiFactory(settings, services => services.AddLogging(l => l.AddProvider(logs)));
        var client = factory.CreateClient();

        var acknowledged = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var slowest = TimeSpan.Zero;
        var sent = 0;
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"w{writer}-n{i}";
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync("/api/comment/new", new { email = "k@example.com", comment = text, content_id = "killed" });
                watch.Stop();
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                lock (statuses)
                {
                    slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add(text);
                }
                else
                {
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        await server.KillServerAsync();
        await Task.Delay(1500);
        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        await server.StartServerAsync();
        var okBefore = acknowledged.Count;
        var recovered = Stopwatch.StartNew();
        while (acknowledged.Count < okBefore + 20 && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(acknowledged.Count >= okBefore + 20, "the API did not serve writes again after PostgreSQL came back");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses.Keys.Order());
        Assert.InRange(slowest, TimeSpan.Zero, Bound);

        var stored = (await CommentPages.ReadAllAsync(client, "/api/comment/list/killed?limit=1000")).Select(c => c.Comment).ToList();

        Assert.DoesNotContain(logs.Lines, l => l.Contains("k@example.com", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logs.Lines, l => l.Contains("Database unavailable", StringComparison.Ordinal)); // the outage was logged
        Assert.Empty(acknowledged.Except(stored));                 // nothing acknowledged was lost
        Assert.Equal(stored.Count, stored.Distinct().Count());      // nothing was stored twice
        Console.WriteLine($"kill under load: {sent} requests, {statuses.GetValueOrDefault(HttpStatusCode.OK)} x 200, {statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable)} x 503, slowest {slowest.TotalMilliseconds:F0} ms, {stored.Count} stored, 0 lost");
    }

    [SkippableFact]
    public async Task A_locked_table_gives_bounded_503s_while_alive_stays_fast()
    {
        var connectionString = await SharedPostgres.CreateDatabaseAsync("slow");
        var settings = ApiFactory.StoreSettings(connectionString);
        settings["Database:Timeout"] = DatabaseTimeout.ToString();
        settings["Database:AttemptTimeout"] = "00:00:01";
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();
        await WritesServed.PostUntilAcceptedAsync(client, new { email = "s@example.com", comment = "before", content_id = "slow" });

        // Another session holds an exclusive lock: every query on the table waits.
        await using var locker = new NpgsqlConnection(connectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE comments IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? client.PostAsJsonAsync("/api/comment/new", new { email = "s@example.com", comment = $"during {i}", content_id = "slow" })
            : client.GetAsync("/api/comment/list/slow")).ToArray();

        // While 40 requests wait on the database, liveness answers at once: no thread-pool starvation.
        await Task.Delay(300);
        var alive = Stopwatch.StartNew();
        using (var response = await client.GetAsync("/alive"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(alive.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var responses = await Task.WhenAll(requests);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);

        await transaction.RollbackAsync();
        await WritesServed.PostUntilAcceptedAsync(client, new { email = "s@example.com", comment = "after", content_id = "slow" });
    }
}
