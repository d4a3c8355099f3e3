using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Comments.Api.Tests.Storage;

/// <summary>Acknowledged comments survive the API process being killed (SIGKILL) and started again, on both stores.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("comments-durability-").FullName;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Comments_survive_a_killed_and_restarted_process(string store)
    {
        var environment = new Dictionary<string, string> { ["RateLimiting__Writes__PermitLimit"] = "1000" };
        if (store == "postgresql")
        {
            environment["ConnectionStrings__comments"] = await SharedPostgres.CreateDatabaseAsync("durability");
        }
        else
        {
            environment["Database__SqlitePath"] = Path.Combine(_directory, "comments.db");
        }

        var posted = new List<string>();
        await using (var first = await ApiProcess.StartAsync(environment, _directory))
        {
            using var client = first.CreateClient();
            using var status = JsonDocument.Parse(await client.GetStringAsync("/"));
            Assert.Equal(store, status.RootElement.GetProperty("storage").GetString());

            for (var i = 0; i < 20; i++)
            {
                using var response = await client.PostAsJsonAsync("/api/comment/new", new { email = "d@example.com", comment = $"kept {i}", content_id = "durable" });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                posted.Add($"kept {i}");
            }

            await first.KillAsync();
        }

        await using var second = await ApiProcess.StartAsync(environment, _directory);
        using var again = second.CreateClient();
        using var list = JsonDocument.Parse(await again.GetStringAsync("/api/comment/list/durable"));
        Assert.Equal(posted, list.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
