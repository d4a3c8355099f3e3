using System.Threading.Channels;
using Comments.Api.Comments.Storage;
using Npgsql;

/// <summary>
/// Concurrent posts committed together by one writer, as the API's BatchQueue and PostgresCommentStore do, with
/// the API's statement (PostgresStatements.InsertBatch, linked); without its spans, retries, timeouts or cancellation.
/// </summary>
internal sealed class InsertBatcher
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource _dataSource;

    public InsertBatcher(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _ = Task.Run(WriteAsync);
    }

    public Task<Comment> AddAsync(string contentId, string email, string text)
    {
        var pending = new Pending(Guid.CreateVersion7(), contentId, email, text);
        _queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await InsertAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private async Task InsertAsync(List<Pending> batch)
    {
        await using var insert = _dataSource.CreateCommand(PostgresStatements.InsertBatch);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(p => p.RequestId)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.ContentId)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Email)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(p => p.Text)] });
        var rows = new Dictionary<Guid, (long Id, DateTimeOffset CreatedAt)>(batch.Count);
        await using (var reader = await insert.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        foreach (var pending in batch)
        {
            var (id, createdAt) = rows[pending.RequestId];
            pending.Done.TrySetResult(new Comment(id, pending.Email, pending.Text, createdAt));
        }
    }

    private sealed record Pending(Guid RequestId, string ContentId, string Email, string Text)
    {
        public TaskCompletionSource<Comment> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
