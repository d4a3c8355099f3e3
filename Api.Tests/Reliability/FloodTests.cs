using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comments.Api.Tests.Reliability;

/// <summary>
/// One client far over the write limit gets 429 with Retry-After while other clients keep being served, and the
/// flood leaves memory where it was. Clients are told apart by X-Forwarded-For, as behind the cluster's load balancer.
/// </summary>
[Collection(nameof(RunAlone))]
public sealed class FloodTests : IDisposable
{
    private const int Limit = 20;
    private const int Flood = 3000;

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-flood-").FullName;

    [Fact]
    public async Task A_flooding_client_gets_429_and_others_are_still_served()
    {
        var settings = ApiFactory.StoreSettings(null, _directory);
        settings["RateLimiting:Writes:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:Writes:Window"] = "00:10:00";
        settings["FORWARDEDHEADERS_ENABLED"] = "true";
        settings["Logging:LogLevel:Default"] = "Trace";
        using var logs = new LogCapture();
        await using var factory = new ApiFactory(settings, services => services.AddLogging(l => l.AddProvider(logs)));
        using var client = new HttpClient { BaseAddress = factory.StartOnKestrel() };

        // Warm up, then take the memory baseline.
        (await Post(client, "198.51.100.200", "warm-up")).EnsureSuccessStatusCode();
        var memoryBefore = Memory();

        using var gate = new SemaphoreSlim(64);
        var flood = Enumerable.Range(0, Flood).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await Post(client, "203.0.113.7", $"flood {i}");
                return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        var others = Enumerable.Range(1, 10).Select(async n =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                using var response = await Post(client, $"198.51.100.{n}", $"reader {n} #{i}");
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }).ToArray();

        var flooded = await Task.WhenAll(flood);
        var served = (await Task.WhenAll(others)).SelectMany(s => s).ToArray();

        Assert.Equal(Limit, flooded.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Flood - Limit, flooded.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(flooded.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.True(r.RetryAfter > TimeSpan.Zero));
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s));

        Assert.DoesNotContain(logs.Lines, l => l.Contains("f@example.com", StringComparison.OrdinalIgnoreCase));
        var growth = Memory() - memoryBefore;
        Assert.True(growth < 32 * 1024 * 1024, $"managed memory grew by {growth / 1024 / 1024} MiB during the flood");
        Console.WriteLine($"flood: {Flood} requests from one client -> {Limit} x 200, {Flood - Limit} x 429; 50 requests from 10 others -> all 200; managed memory {growth / 1024.0 / 1024.0:+0.0;-0.0} MiB");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string clientAddress, string comment)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/comment/new")
        {
            Content = JsonContent.Create(new { email = "f@example.com", comment, content_id = "flood" }),
        };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return client.SendAsync(request);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
