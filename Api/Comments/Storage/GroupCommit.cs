using System.Diagnostics;
using System.Threading.Channels;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// One writer per store: inserts queue up and are committed together, many per transaction, so a burst of
/// concurrent posts costs a few commits (and WAL flushes) instead of one each. Every caller still gets its answer
/// only after its row is committed. A failed batch fails all of its callers, who may retry: the request id keeps
/// retries idempotent.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingInsert> _queue = Channel.CreateUnbounded<PendingInsert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<NewComment>, Task<StoredComment[]>> _commit;
    private readonly Task _writer;

    /// <param name="commit">Stores a batch in one transaction and returns the rows in the batch's order.</param>
    public GroupCommit(Func<IReadOnlyList<NewComment>, Task<StoredComment[]>> commit)
    {
        _commit = commit;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken)
    {
        var pending = new PendingInsert(comment);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        await using (cancellationToken.Register(static state => ((PendingInsert)state!).TryCancel(), pending))
        {
            // Once the writer has claimed the insert it completes (or fails) it; a cancelled wait only stops waiting.
            return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingInsert>(MaxBatch);
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

            // The batch's own span (and the driver's spans under it) link back to every request it serves.
            using var activity = CommentsTelemetry.ActivitySource.StartActivity(
                "comments.insert_batch", ActivityKind.Internal, parentContext: default,
                links: batch.Where(p => p.Context != default).Select(p => new ActivityLink(p.Context)));
            activity?.SetTag("comments.batch.size", batch.Count);
            try
            {
                var stored = await _commit(batch.ConvertAll(p => p.Comment)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(stored[i]);
                }
            }
            catch (Exception ex)
            {
                activity?.AddException(ex).SetStatus(ActivityStatusCode.Error);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed class PendingInsert(NewComment comment)
    {
        private const int Queued = 0, Claimed = 1, Cancelled = 2;
        private int _state;

        public NewComment Comment { get; } = comment;

        public ActivityContext Context { get; } = Activity.Current?.Context ?? default;

        public TaskCompletionSource<StoredComment> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                Completion.TrySetCanceled();
            }
        }
    }
}
