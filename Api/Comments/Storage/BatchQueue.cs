using System.Diagnostics;
using System.Threading.Channels;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Concurrent database calls queue up and run together, many per statement: a burst of posts costs a few commits
/// (and WAL flushes) instead of one each, and a burst of reads a few round trips. Every caller still gets its own
/// answer, and only after the statement that serves it has finished. A failed batch fails all of its callers, who
/// may retry (inserts stay idempotent through their request id).
/// </summary>
/// <remarks>
/// One batch runs at a time, in queue order. A call joins a batch only after it was made, so a read sees every
/// commit acknowledged before it was asked for. (Two or more read batches in flight at once were measured slower,
/// with stalls of hundreds of milliseconds, when the API and PostgreSQL share a core.)
/// </remarks>
internal sealed class BatchQueue<TRequest, TResult> : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TRequest>, Task<TResult[]>> _run;
    private readonly string _spanName;
    private readonly Task _worker;

    /// <param name="spanName">Name of each batch's span, which links back to every request the batch serves.</param>
    /// <param name="run">Runs a batch as one statement and returns the results in the batch's order.</param>
    public BatchQueue(string spanName, Func<IReadOnlyList<TRequest>, Task<TResult[]>> run)
    {
        _spanName = spanName;
        _run = run;
        _worker = Task.Run(WorkAsync);
    }

    public async Task<TResult> RunAsync(TRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        await using (cancellationToken.Register(static state => ((Pending)state!).TryCancel(), pending))
        {
            // Once the worker has claimed the call it completes (or fails) it; a cancelled wait only stops waiting.
            return await pending.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finishes the queued calls, then stops the worker.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private async Task WorkAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.TryClaim())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            using var activity = CommentsTelemetry.ActivitySource.StartActivity(
                _spanName, ActivityKind.Internal, parentContext: default,
                links: batch.Where(p => p.Context != default).Select(p => new ActivityLink(p.Context)));
            activity?.SetTag("comments.batch.size", batch.Count);
            try
            {
                var results = await _run(batch.ConvertAll(p => p.Request)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(results[i]);
                }
            }
            catch (Exception ex)
            {
                activity?.AddException(ex).SetStatus(ActivityStatusCode.Error);
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
            }
        }
    }

    private sealed class Pending(TRequest request)
    {
        private const int Queued = 0, Claimed = 1, Cancelled = 2;
        private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;

        public TRequest Request { get; } = request;

        public ActivityContext Context { get; } = Activity.Current?.Context ?? default;

        public Task<TResult> Result => _completion.Task;

        public void Complete(TResult result) => _completion.TrySetResult(result);

        public void Fail(Exception exception) => _completion.TrySetException(exception);

        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                _completion.TrySetCanceled();
            }
        }
    }
}
