using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Comments.Api.Comments.Caching;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Comments.Api.Tests.Caching;

/// <summary>
/// Two replicas of the API on one PostgreSQL database, each with its list cache: a change made anywhere (the other
/// replica, SQL run by hand) must reach a page the first replica has cached, and a lost notification connection
/// must never leave a replica serving old pages.
/// </summary>
public sealed class ListCacheReplicaTests : IAsyncLifetime, IDisposable
{
    // Without notifications a cached page would live for ListCacheMaxAge (5 minutes): far beyond this.
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    private string _connectionString = "";
    private ApiFactory _replicaA = null!;
    private ApiFactory _replicaB = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await SharedPostgres.CreateDatabaseAsync("cache");
        var settings = ApiFactory.StoreSettings(_connectionString);
        _replicaA = new ApiFactory(settings);
        _replicaB = new ApiFactory(settings);
        await WaitUntilActiveAsync(_replicaA);
        await WaitUntilActiveAsync(_replicaB);
    }

    public async Task DisposeAsync()
    {
        await _replicaA.DisposeAsync();
        await _replicaB.DisposeAsync();
    }

    public void Dispose()
    {
        _replicaA.Dispose();
        _replicaB.Dispose();
    }

    [SkippableFact]
    public async Task A_comment_posted_on_one_replica_reaches_the_page_the_other_has_cached()
    {
        var a = _replicaA.CreateClient();
        var b = _replicaB.CreateClient();
        await PostAsync(a, "shared", "first");
        Assert.Equal(["first"], await ListAsync(a, "shared"));
        Assert.Equal(["first"], await ListAsync(a, "shared"));
        Assert.True(_replicaA.Services.GetRequiredService<ListPageCache>().TryGet("shared", out _), "replica A should have cached the page");

        await PostAsync(b, "shared", "second");
        Assert.Equal(["first", "second"], await ListAsync(b, "shared")); // the poster's own replica: at once

        var waited = await EventuallyAsync(async () => (await ListAsync(a, "shared")).SequenceEqual(["first", "second"]));
        Assert.True(waited < Propagation, $"replica A served the old page for {waited}");
    }

    [SkippableFact]
    public async Task Comments_removed_by_sql_disappear_from_cached_pages()
    {
        var a = _replicaA.CreateClient();
        await PostAsync(a, "moderated", "fine");
        await PostAsync(a, "moderated", "abusive");
        await PostAsync(a, "cleared", "gone soon");
        Assert.Equal(["fine", "abusive"], await ListAsync(a, "moderated"));
        Assert.Equal(["gone soon"], await ListAsync(a, "cleared"));

        await ExecuteAsync("DELETE FROM comments WHERE comment = 'abusive'");
        await EventuallyAsync(async () => (await ListAsync(a, "moderated")).SequenceEqual(["fine"]));

        // One statement, two stories (one notification naming both).
        await ExecuteAsync("UPDATE comments SET content_id = 'moderated' WHERE comment = 'gone soon'");
        await EventuallyAsync(async () => (await a.GetAsync("/api/comment/list/cleared")).StatusCode == HttpStatusCode.NotFound);
        await EventuallyAsync(async () => (await ListAsync(a, "moderated")).SequenceEqual(["fine", "gone soon"]));

        await ExecuteAsync("TRUNCATE comments");
        await EventuallyAsync(async () => (await a.GetAsync("/api/comment/list/moderated")).StatusCode == HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task When_the_notification_connection_is_lost_the_replica_reads_the_database_until_it_is_back()
    {
        var a = _replicaA.CreateClient();
        var cache = _replicaA.Services.GetRequiredService<ListPageCache>();
        await PostAsync(a, "outage", "before");
        Assert.Equal(["before"], await ListAsync(a, "outage"));

        // Kill both replicas' listeners, and change the story straight away, while they reconnect.
        await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        await ExecuteAsync("INSERT INTO comments (request_id, content_id, email, comment) VALUES (gen_random_uuid(), 'outage', 'sql@example.com', 'during')");

        await EventuallyAsync(async () => (await ListAsync(a, "outage")).SequenceEqual(["before", "during"]));
        await WaitUntilActiveAsync(_replicaA);
        Assert.Equal(["before", "during"], await ListAsync(a, "outage"));
        Assert.Equal(["before", "during"], await ListAsync(a, "outage"));
        Assert.True(cache.TryGet("outage", out _), "the cache should be back in use after the listener reconnected");
    }

    private static async Task WaitUntilActiveAsync(ApiFactory replica)
    {
        replica.CreateClient().Dispose(); // starts the host
        var cache = replica.Services.GetRequiredService<ListPageCache>();
        await EventuallyAsync(() => Task.FromResult(cache.IsActive));
    }

    private static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Propagation, $"not true within {Propagation}");
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task PostAsync(HttpClient client, string story, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/comment/new", new { email = "r@example.com", comment = text, content_id = story });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string[]> ListAsync(HttpClient client, string story)
    {
        using var response = await client.GetAsync($"/api/comment/list/{story}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. page.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()!)];
    }
}
