using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Npgsql;

namespace Comments.Api.Tests.Storage;

/// <summary>
/// What Barman Cloud does with S3, end to end on this machine's binaries: a base backup, WAL archived to a folder (the
/// bucket), posts through the api before and after a target time, and a restore to that time into a fresh server,
/// on which the api starts again.
/// </summary>
public sealed class PointInTimeRecoveryTests
{
    [SkippableFact]
    public async Task A_restore_to_a_point_in_time_has_every_comment_acknowledged_before_it_and_none_after()
    {
        await using var server = await PostgresServer.StartArchivingAsync();
        var connectionString = await server.CreateDatabaseAsync("pitr");
        var before = new List<string>();
        var after = new List<string>();
        DateTimeOffset target;
        await using (var factory = new ApiFactory(Settings(connectionString)))
        {
            var client = factory.CreateClient();
            await PostAsync(client, "before the backup", 20, before);
            var backup = await server.BaseBackupAsync();
            await PostAsync(client, "after the backup", 20, before);

            target = await ServerClockAsync(connectionString);
            await Task.Delay(100);
            await PostAsync(client, "after the target", 20, after);
            await SwitchAndArchiveAsync(connectionString, server.WalArchive);

            await using var restored = await server.RestoreAsync(backup, target);
            var restoredConnection = new NpgsqlConnectionStringBuilder(connectionString) { Port = restored.Port }.ConnectionString;

            await using var restoredApi = new ApiFactory(Settings(restoredConnection));
            var restoredClient = restoredApi.CreateClient();
            var stored = (await CommentPages.ReadAllAsync(restoredClient, "/api/comment/list/pitr?limit=1000")).Select(c => c.Comment).ToList();

            Assert.Equal(before, stored);   // every comment acknowledged before the target, in order, once
            Assert.Empty(after.Intersect(stored));
            using var health = await restoredClient.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            (await restoredClient.PostAsJsonAsync("/api/comment/new", new { email = "p@example.com", comment = "on the restored server", content_id = "pitr" })).EnsureSuccessStatusCode();
        }

        Console.WriteLine($"point-in-time recovery to {target:O}: {before.Count} comments before it restored, {after.Count} after it left out");
    }

    private static Dictionary<string, string?> Settings(string connectionString)
    {
        var settings = ApiFactory.StoreSettings(connectionString);
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        return settings;
    }

    private static async Task PostAsync(HttpClient client, string prefix, int count, List<string> acknowledged)
    {
        for (var i = 0; i < count; i++)
        {
            var text = $"{prefix} {i}";
            using var response = await client.PostAsJsonAsync("/api/comment/new", new { email = "p@example.com", comment = text, content_id = "pitr" });
            response.EnsureSuccessStatusCode();
            acknowledged.Add(text);
        }
    }

    private static async Task<DateTimeOffset> ServerClockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return new DateTimeOffset((DateTime)(await query.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    /// <summary>Ends the current WAL segment and waits until the archive has it, as the archiver does every few minutes.</summary>
    private static async Task SwitchAndArchiveAsync(string connectionString, string archive)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", connection);
        var segment = (string)(await command.ExecuteScalarAsync())!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(Path.Combine(archive, segment)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"WAL segment {segment} was not archived to {archive}");
            await Task.Delay(100);
        }
    }
}
