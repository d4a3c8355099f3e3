using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Runs database operations within <see cref="DatabaseOptions.Timeout"/>, each attempt within
/// <see cref="DatabaseOptions.AttemptTimeout"/>, retrying transient failures up to <see cref="DatabaseOptions.MaxRetries"/>
/// times, and turns every database failure into <see cref="DatabaseUnavailableException"/>.
/// </summary>
/// <remarks>
/// The first attempt runs outside the resilience pipeline, under one timer: nearly every call succeeds at once, and
/// the pipeline's machinery is a measurable share of a post's CPU (docs/performance.md). Only a call whose first
/// attempt fails transiently or times out goes on through the pipeline, which makes the retries within what is left
/// of the total.
/// </remarks>
public sealed class DatabaseCalls(ResiliencePipelineProvider<string> pipelines, IOptions<DatabaseOptions> options)
{
    /// <summary>The retries after a failed first attempt: backoff, and the timeout of each attempt.</summary>
    public const string RetryPipelineName = "database-retries";

    private readonly DatabaseOptions _options = options.Value;

    // Built at the first retry: building validates Polly's options with reflection-based data annotations, which
    // slows the native AOT start-up (docs/performance.md). The registry hands every caller the same instance.
    private ResiliencePipeline? _retries;

    private ResiliencePipeline Retries => _retries ??= pipelines.GetPipeline(RetryPipelineName);

    public async Task<TResult> RunAsync<TState, TResult>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(_options.AttemptTimeout);
                try
                {
                    return await operation(state, attempt.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (_options.MaxRetries > 0 && !cancellationToken.IsCancellationRequested
                                           && (attempt.IsCancellationRequested || IsTransient(ex)))
                {
                    // retried below
                }
            }

            var left = _options.Timeout - Stopwatch.GetElapsedTime(started);
            using var rest = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            rest.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            // The backoff before the first retry (the pipeline's own delays follow the later ones), with jitter.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 150)), rest.Token).ConfigureAwait(false);
            return await Retries.ExecuteAsync(
                static (args, token) => args.operation(args.state, token),
                (operation, state),
                rest.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new DatabaseUnavailableException(ex);
        }
    }

    public static bool IsTransient(Exception ex) =>
        ex is TimeoutRejectedException
        || PostgresCommentStore.IsTransient(ex)
        || SqliteCommentStore.IsTransient(ex);

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or TimeoutRejectedException or TimeoutException or OperationCanceledException
        || ex.InnerException is DbException or TimeoutException or System.Net.Sockets.SocketException;
}
