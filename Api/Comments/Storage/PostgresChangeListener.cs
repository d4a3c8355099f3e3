using Comments.Api.Comments.Caching;
using Npgsql;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Keeps the list cache in step with PostgreSQL: the comments table's triggers notify every change (from any
/// replica, or SQL run by hand), and this listener drops the changed stories' pages. The cache is active only while
/// the listener is connected; when the connection is lost, lists are read from the database until it is back.
/// </summary>
internal sealed partial class PostgresChangeListener(NpgsqlDataSource dataSource, ListPageCache cache, IHostApplicationLifetime lifetime, ILogger<PostgresChangeListener> logger)
    : BackgroundService
{
    public const string Channel = PostgresStatements.ChangeChannel;

    /// <summary>Payload of a change that touches every story (TRUNCATE); others carry the changed ids joined by commas.</summary>
    public const string EverythingChanged = "*";

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => retryDelay = TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                cache.Deactivate();
                LogLost(logger, ex, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        cache.Deactivate();
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (e.Payload == EverythingChanged)
            {
                cache.InvalidateAll();
            }
            else
            {
                foreach (var range in e.Payload.AsSpan().Split(','))
                {
                    cache.Invalidate(e.Payload[range]);
                }
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        cache.Activate();
        connected();
        LogListening(logger);
        try
        {
            while (true)
            {
                if (!await connection.WaitAsync(Idle, stoppingToken))
                {
                    // Quiet for a while: prove the connection is still alive (a silently dropped one raises nothing).
                    await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
        }
        finally
        {
            cache.Deactivate();
            // The pool keeps session state (NoResetOnClose): stop listening before the connection goes back to it.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection) { CommandTimeout = 5 };
                await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for comment changes; the list cache is active.")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL change notifications are not coming through; lists are read from the database until they are (retry in {RetryDelay}).")]
    private static partial void LogLost(ILogger logger, Exception exception, TimeSpan retryDelay);
}
