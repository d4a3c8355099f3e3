using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Comments.Api.Tests.Infrastructure;

namespace Comments.Api.Tests.Storage;

/// <summary>PostgreSQL goes away under a running API and comes back: fast 503s meanwhile, recovery without a restart.</summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    // The configured timeout plus time for the response itself on a busy 2-core machine.
    private static readonly TimeSpan FailFastBound = DatabaseTimeout + TimeSpan.FromSeconds(2);

    [SkippableFact]
    public async Task Requests_fail_fast_with_503_while_postgres_is_down_and_succeed_again_when_it_returns()
    {
        await using var server = await PostgresServer.StartAsync();
        var settings = ApiFactory.StoreSettings(await server.CreateDatabaseAsync("outage"));
        settings["Database:Timeout"] = DatabaseTimeout.ToString();
        settings["RateLimiting:Writes:PermitLimit"] = "1000";
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();

        await WritesServed.PostUntilAcceptedAsync(client, Comment("before"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await server.StopServerAsync();

        var elapsed = Stopwatch.StartNew();
        using var failedPost = await PostAsync(client, "during");
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, FailFastBound);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedPost.StatusCode);
        Assert.Equal("application/problem+json", failedPost.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(failedPost.Headers.RetryAfter);

        elapsed.Restart();
        using var failedList = await client.GetAsync("/api/comment/list/outage");
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, FailFastBound);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedList.StatusCode);

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("Unhealthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);

        await server.StartServerAsync();

        // The API was not restarted: it must find the database again by itself.
        await WritesServed.PostUntilAcceptedAsync(client, Comment("after"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/comment/list/outage"));
        var comments = list.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()).ToArray();
        Assert.Equal("before", comments[0]);
        Assert.DoesNotContain("during", comments);
        Assert.Equal("after", comments[^1]);
    }

    private static object Comment(string comment) => new { email = "o@example.com", comment, content_id = "outage" };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string comment) => client.PostAsJsonAsync("/api/comment/new", Comment(comment));
}
