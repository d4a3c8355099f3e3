using System.Net;
using System.Text.Json;

namespace Comments.AppHost.Tests;

/// <summary>The whole AppHost through DistributedApplicationTestingBuilder, with the test fixture's real PostgreSQL.</summary>
public sealed class AppHostIntegrationTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task The_api_runs_on_the_given_postgres_and_answers_the_challenge_session()
    {
        var connectionString = await SharedPostgres.CreateDatabaseAsync("apphost");
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--ConnectionStrings:comments={connectionString}",
            "--AppHost:Containers=false",
            "--DcpPublisher:WaitForResourceCleanup=false",
        ]);
        await using var app = await appHost.BuildAsync().WaitAsync(StartTimeout);
        await app.StartAsync().WaitAsync(StartTimeout);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api").WaitAsync(StartTimeout);

        using var client = app.CreateHttpClient("api");
        using (var status = JsonDocument.Parse(await client.GetStringAsync("/")))
        {
            Assert.Equal("postgresql", status.RootElement.GetProperty("storage").GetString());
        }

        await ChallengeSession.ReplayAsync(client);

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"Healthy\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var alive = await client.GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("comments_created_total", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/comment/new\"", metrics, StringComparison.Ordinal);
    }
}
