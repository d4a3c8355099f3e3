using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Comments.Api.Comments.Storage;

/// <summary>Comments in PostgreSQL, through the NpgsqlDataSource that Aspire's client integration registers.</summary>
public sealed class PostgresCommentStore : ICommentStore, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaGate _schema;
    private readonly BatchQueue<NewComment, StoredComment> _writer;
    private readonly BatchQueue<ListRequest, IReadOnlyList<StoredComment>> _reader;

    public PostgresCommentStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _schema = new SchemaGate(CreateSchemaAsync);
        _writer = new BatchQueue<NewComment, StoredComment>("comments.insert_batch", InsertBatchAsync);
        _reader = new BatchQueue<ListRequest, IReadOnlyList<StoredComment>>("comments.list_batch", ListBatchAsync);
    }

    public string Kind => "postgresql";

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Finishes the queued calls, then stops the writer and the reader.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    public static bool IsTransient(Exception ex) =>
        ex is NpgsqlException { IsTransient: true }
        || ex is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown };

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    public Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken) =>
        RunInBatchAsync(_writer, comment, "INSERT", PostgresStatements.InsertBatch, cancellationToken);

    private async Task<StoredComment[]> InsertBatchAsync(IReadOnlyList<NewComment> batch)
    {
        var rows = new Dictionary<Guid, (long Id, DateTimeOffset CreatedAt)>(batch.Count);
        await using (var insert = _dataSource.CreateCommand(PostgresStatements.InsertBatch))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(c => c.RequestId)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(c => c.ContentId)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(c => c.Email)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(c => c.Text)] });
            await ReadRowsAsync(insert, rows).ConfigureAwait(false);
        }

        if (rows.Count < batch.Count)
        {
            // Retries whose first attempt did commit (its answer was lost): return the row stored then.
            await using var find = _dataSource.CreateCommand(PostgresStatements.FindEarlier);
            find.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(c => c.RequestId).Where(id => !rows.ContainsKey(id))] });
            await ReadRowsAsync(find, rows).ConfigureAwait(false);
        }

        return [.. batch.Select(c => rows.TryGetValue(c.RequestId, out var row)
            ? new StoredComment(row.Id, c.ContentId, c.Email, c.Text, row.CreatedAt)
            : throw new InvalidOperationException("The insert neither stored a row nor found an earlier one."))];
    }

    private static async Task ReadRowsAsync(NpgsqlCommand command, Dictionary<Guid, (long Id, DateTimeOffset CreatedAt)> rows)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
        }
    }

    public Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken) =>
        RunInBatchAsync(_reader, new ListRequest(contentId, afterId, limit), "SELECT", PostgresStatements.ListBatch, cancellationToken);

    // The request's own database span covers its wait for the batch; the batch's span (and Npgsql's under it) links back.
    private async Task<TResult> RunInBatchAsync<TRequest, TResult>(
        BatchQueue<TRequest, TResult> queue, TRequest request, string operation, string sql, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        using var span = CommentsTelemetry.StartDatabaseSpan("postgresql", operation, sql);
        try
        {
            return await queue.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            span?.AddException(ex).SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    private async Task<IReadOnlyList<StoredComment>[]> ListBatchAsync(IReadOnlyList<ListRequest> batch)
    {
        await using var command = _dataSource.CreateCommand(PostgresStatements.ListBatch);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(r => r.ContentId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(r => r.AfterId)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(r => r.Limit)] });

        var pages = new List<StoredComment>[batch.Count];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = [];
        }

        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var index = (int)reader.GetInt64(0) - 1;
            pages[index].Add(new StoredComment(
                reader.GetInt64(1), batch[index].ContentId, reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return pages;
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        // One transaction holding an advisory lock, so replicas starting together do not race on CREATE ... IF NOT EXISTS.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(PostgresStatements.CreateSchema, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct ListRequest(string ContentId, long AfterId, int Limit);
}
