namespace Comments.Api.Comments.Storage;

/// <summary>
/// Creates the schema as soon as the server listens, so that requests do not pay for it. Start-up never waits on the
/// database: if it is not reachable yet, or a request comes first, the first request that needs it creates the schema.
/// </summary>
internal sealed partial class SchemaWarmup(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<SchemaWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        var store = services.GetRequiredService<ICommentStore>();
        try
        {
            await store.EnsureSchemaAsync(stoppingToken);
            LogReady(store.Kind);
        }
        catch (DatabaseUnavailableException ex)
        {
            LogNotReachable(store.Kind, ex.InnerException?.GetType().Name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Comments schema ready ({Kind}).")]
    private partial void LogReady(string kind);

    [LoggerMessage(LogLevel.Warning, "The {Kind} database is not reachable yet ({Error}); the schema will be created on first use.")]
    private partial void LogNotReachable(string kind, string? error);
}
