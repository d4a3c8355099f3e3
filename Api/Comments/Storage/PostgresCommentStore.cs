using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Comments.Api.Comments.Storage;

/// <summary>Comments in PostgreSQL, through the NpgsqlDataSource that Aspire's client integration registers.</summary>
public sealed class PostgresCommentStore : ICommentStore, IDisposable, IAsyncDisposable
{
    // The advisory lock key is "comments" in ASCII; any constant works as long as every replica uses the same.
    private const string CreateSchemaSql = """
        SELECT pg_advisory_xact_lock(7165065848790348915);
        CREATE TABLE IF NOT EXISTS comments (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            request_id  uuid NOT NULL UNIQUE,
            content_id  varchar(64) NOT NULL,
            email       varchar(254) NOT NULL,
            comment     text NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT statement_timestamp()
        );
        CREATE INDEX IF NOT EXISTS ix_comments_content_id_id ON comments (content_id, id);

        -- Every statement that changes comments tells the replicas' list caches which stories changed, in one
        -- notification delivered at commit (see PostgresChangeListener): their ids joined by commas, or "*" for all
        -- of them (TRUNCATE, a payload too long, or an id with a comma, which only SQL run by hand can store).
        CREATE OR REPLACE FUNCTION comments_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed text[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM new_rows;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM old_rows;
            ELSIF TG_OP = 'UPDATE' THEN
                SELECT array_agg(DISTINCT content_id) INTO changed FROM (SELECT content_id FROM old_rows UNION SELECT content_id FROM new_rows) c;
            END IF;
            IF TG_OP = 'TRUNCATE' OR length(array_to_string(changed, ',')) > 7000
                OR EXISTS (SELECT 1 FROM unnest(changed) id WHERE id LIKE '%,%' OR id = '*') THEN
                PERFORM pg_notify('comments_changed', '*');
            ELSIF changed IS NOT NULL THEN
                PERFORM pg_notify('comments_changed', array_to_string(changed, ','));
            END IF;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER comments_inserted AFTER INSERT ON comments
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_deleted AFTER DELETE ON comments
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_updated AFTER UPDATE ON comments
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        CREATE OR REPLACE TRIGGER comments_truncated AFTER TRUNCATE ON comments
            FOR EACH STATEMENT EXECUTE FUNCTION comments_notify_changed();
        """;

    // A batch of comments in one statement (one commit). Rows keep the batch's order, so ids follow posting order.
    // A comment that an earlier attempt of the same request committed is not inserted again (FindEarlierSql finds it).
    private const string InsertBatchSql = """
        INSERT INTO comments (request_id, content_id, email, comment)
        SELECT request_id, content_id, email, comment
        FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[]) WITH ORDINALITY AS t(request_id, content_id, email, comment, position)
        ORDER BY position
        ON CONFLICT (request_id) DO NOTHING
        RETURNING request_id, id, created_at
        """;

    private const string FindEarlierSql = "SELECT request_id, id, created_at FROM comments WHERE request_id = ANY($1)";

    // The pages of a batch of list calls, in one round trip: each call's rows are tagged with its position.
    private const string ListBatchSql = """
        SELECT k.position, c.id, c.email, c.comment, c.created_at
        FROM unnest($1::varchar[], $2::bigint[], $3::int[]) WITH ORDINALITY AS k(content_id, after_id, page_limit, position)
        CROSS JOIN LATERAL (
            SELECT id, email, comment, created_at FROM comments
            WHERE content_id = k.content_id AND id > k.after_id
            ORDER BY id
            LIMIT k.page_limit) c
        ORDER BY k.position, c.id
        """;

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
        RunInBatchAsync(_writer, comment, "INSERT", InsertBatchSql, cancellationToken);

    private async Task<StoredComment[]> InsertBatchAsync(IReadOnlyList<NewComment> batch)
    {
        var rows = new Dictionary<Guid, (long Id, DateTimeOffset CreatedAt)>(batch.Count);
        await using (var insert = _dataSource.CreateCommand(InsertBatchSql))
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
            await using var find = _dataSource.CreateCommand(FindEarlierSql);
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
        RunInBatchAsync(_reader, new ListRequest(contentId, afterId, limit), "SELECT", ListBatchSql, cancellationToken);

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
        await using var command = _dataSource.CreateCommand(ListBatchSql);
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
        await using (var command = new NpgsqlCommand(CreateSchemaSql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct ListRequest(string ContentId, long AfterId, int Limit);
}
