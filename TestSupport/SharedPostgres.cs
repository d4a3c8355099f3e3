namespace Comments.TestSupport;

/// <summary>
/// One PostgreSQL server for the whole test run (starting one takes a few seconds); each test class takes its own
/// database from it. Tests that stop the server start a private one instead.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        ExternalTool.Require(PostgresServer.UnavailableReason);
        var server = await Server.Value;
        return await server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
