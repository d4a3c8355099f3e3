using System.Data.Common;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Runs database operations through the "database" resilience pipeline (total timeout, retries of transient
/// errors, per-attempt timeout) and turns every database failure into <see cref="DatabaseUnavailableException"/>.
/// </summary>
public sealed class DatabaseCalls(ResiliencePipelineProvider<string> pipelines)
{
    public const string PipelineName = "database";

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PipelineName);

    public async Task<TResult> RunAsync<TState, TResult>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (args, token) => args.operation(args.state, token),
                (operation, state),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new DatabaseUnavailableException(ex);
        }
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or TimeoutRejectedException or TimeoutException or OperationCanceledException
        || ex.InnerException is DbException or TimeoutException or System.Net.Sockets.SocketException;
}
