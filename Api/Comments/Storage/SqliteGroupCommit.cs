using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// The single writer of the SQLite store. Inserts queue up and are committed together, many per transaction, so a
/// burst of concurrent posts costs a few fsyncs instead of one each; every caller still gets its answer only after
/// its row is committed.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private const string InsertSql = """
        INSERT INTO comments (request_id, content_id, email, comment, created_at) VALUES ($request_id, $content_id, $email, $comment, $created_at)
        ON CONFLICT (request_id) DO NOTHING
        RETURNING id, created_at
        """;

    private const string FindSql = "SELECT id, created_at FROM comments WHERE request_id = $request_id";

    private readonly Channel<PendingInsert> _queue = Channel.CreateUnbounded<PendingInsert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly TimeProvider _time;
    private readonly Task _writer;

    public SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open, TimeProvider time)
    {
        _open = open;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    public static string Sql => InsertSql;

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

            try
            {
                var stored = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(stored[i]);
                }
            }
            catch (Exception ex)
            {
                // Nothing of the batch was committed; callers may retry (the request id keeps retries idempotent).
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task<StoredComment[]> CommitAsync(List<PendingInsert> batch)
    {
        await using var connection = await _open(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);

        await using var insert = connection.CreateCommand();
        insert.CommandText = InsertSql;
        var requestId = insert.Parameters.Add("$request_id", SqliteType.Text);
        var contentId = insert.Parameters.Add("$content_id", SqliteType.Text);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var text = insert.Parameters.Add("$comment", SqliteType.Text);
        var createdAt = insert.Parameters.Add("$created_at", SqliteType.Text);

        var stored = new StoredComment[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var comment = batch[i].Comment;
            requestId.Value = comment.RequestId.ToString();
            contentId.Value = comment.ContentId;
            email.Value = comment.Email;
            text.Value = comment.Text;
            createdAt.Value = FormatTime(_time.GetUtcNow());

            var row = await ReadIdAndTimeAsync(insert).ConfigureAwait(false) ?? await FindAsync(connection, comment.RequestId).ConfigureAwait(false);
            stored[i] = new StoredComment(row.Id, comment.ContentId, comment.Email, comment.Text, row.CreatedAt);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return stored;
    }

    private static async Task<(long Id, DateTimeOffset CreatedAt)> FindAsync(SqliteConnection connection, Guid requestId)
    {
        await using var find = connection.CreateCommand();
        find.CommandText = FindSql;
        find.Parameters.AddWithValue("$request_id", requestId.ToString());
        return await ReadIdAndTimeAsync(find).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The insert neither stored a row nor found an earlier one.");
    }

    private static async Task<(long Id, DateTimeOffset CreatedAt)?> ReadIdAndTimeAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? (reader.GetInt64(0), ParseTime(reader.GetString(1)))
            : null;
    }

    // Microsecond precision, like PostgreSQL's timestamptz.
    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class PendingInsert(NewComment comment)
    {
        private const int Queued = 0, Claimed = 1, Cancelled = 2;
        private int _state;

        public NewComment Comment { get; } = comment;

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
