using Npgsql;
using NpgsqlTypes;

namespace Comments.Api.Comments.Storage;

/// <summary>Comments in PostgreSQL, through the NpgsqlDataSource that Aspire's client integration registers.</summary>
public sealed class PostgresCommentStore : ICommentStore, IDisposable
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
        """;

    // When an earlier attempt of the same request committed, the insert does nothing and the second branch finds that row.
    private const string InsertSql = """
        WITH inserted AS (
            INSERT INTO comments (request_id, content_id, email, comment) VALUES ($1, $2, $3, $4)
            ON CONFLICT (request_id) DO NOTHING
            RETURNING id, created_at)
        SELECT id, created_at FROM inserted
        UNION ALL
        SELECT id, created_at FROM comments WHERE request_id = $1
        LIMIT 1
        """;

    private const string ListSql = """
        SELECT id, email, comment, created_at FROM comments
        WHERE content_id = $1 AND id > $2
        ORDER BY id
        LIMIT $3
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaGate _schema;

    public PostgresCommentStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _schema = new SchemaGate(CreateSchemaAsync);
    }

    public string Kind => "postgresql";

    public void Dispose() => _schema.Dispose();

    public static bool IsTransient(Exception ex) =>
        ex is NpgsqlException { IsTransient: true }
        || ex is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown };

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    public async Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);

        await using var command = _dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = comment.RequestId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = comment.ContentId, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = comment.Email, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = comment.Text, NpgsqlDbType = NpgsqlDbType.Text });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The insert returned no row.");
        }

        return new StoredComment(reader.GetInt64(0), comment.ContentId, comment.Email, comment.Text, reader.GetFieldValue<DateTimeOffset>(1));
    }

    public async Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);

        await using var command = _dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contentId, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });

        var comments = new List<StoredComment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            comments.Add(new StoredComment(
                reader.GetInt64(0), contentId, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return comments;
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
}
