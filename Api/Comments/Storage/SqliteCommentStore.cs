using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Comments in an embedded SQLite file: the zero-setup default. One in-process writer commits queued inserts in
/// groups (<see cref="BatchQueue{TRequest, TResult}"/>); the journal is WAL, so reads never wait for writes.
/// </summary>
public sealed class SqliteCommentStore : ICommentStore, IDisposable, IAsyncDisposable
{
    private const string CreateSchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS comments (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id  TEXT NOT NULL UNIQUE,
            content_id  TEXT NOT NULL,
            email       TEXT NOT NULL,
            comment     TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_comments_content_id_id ON comments (content_id, id);
        """;

    private const string ListSql = """
        SELECT id, email, comment, created_at FROM comments
        WHERE content_id = $content_id AND id > $after_id
        ORDER BY id
        LIMIT $limit
        """;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly CommentsTelemetry? _telemetry;
    private readonly BatchQueue<NewComment, StoredComment> _writer;
    private readonly SchemaGate _schema;

    public SqliteCommentStore(string path, TimeProvider time, CommentsTelemetry? telemetry = null)
    {
        _path = path;
        _time = time;
        _telemetry = telemetry;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        _schema = new SchemaGate(CreateSchemaAsync);
        _writer = new BatchQueue<NewComment, StoredComment>("comments.insert_batch", new SqliteBatchInsert(OpenAsync, time).CommitAsync);
    }

    public string Kind => "sqlite";

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Finishes the queued inserts, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    public static bool IsTransient(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED };

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    public async Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        using var operation = new Operation(this, "INSERT", SqliteBatchInsert.InsertSql);
        try
        {
            return await _writer.RunAsync(comment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            operation.Fail(ex);
            throw;
        }
    }

    public async Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        using var operation = new Operation(this, "SELECT", ListSql);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = ListSql;
            command.Parameters.AddWithValue("$content_id", contentId);
            command.Parameters.AddWithValue("$after_id", afterId);
            command.Parameters.AddWithValue("$limit", limit);

            var comments = new List<StoredComment>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                comments.Add(new StoredComment(reader.GetInt64(0), contentId, reader.GetString(1), reader.GetString(2), SqliteBatchInsert.ParseTime(reader.GetString(3))));
            }

            return comments;
        }
        catch (Exception ex)
        {
            operation.Fail(ex);
            throw;
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(_path)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = CreateSchemaSql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A span and a duration measurement for one database operation: Microsoft.Data.Sqlite has no telemetry of its own.</summary>
    private sealed class Operation : IDisposable
    {
        private readonly SqliteCommentStore _store;
        private readonly string _name;
        private readonly Activity? _activity;
        private readonly long _started = Stopwatch.GetTimestamp();
        private bool _failed;

        public Operation(SqliteCommentStore store, string name, string sql)
        {
            _store = store;
            _name = name;
            _activity = CommentsTelemetry.StartDatabaseSpan("sqlite", name, sql);
        }

        public void Fail(Exception exception)
        {
            _failed = true;
            _activity?.AddException(exception).SetStatus(ActivityStatusCode.Error);
        }

        public void Dispose()
        {
            _store._telemetry?.SqliteOperation(_name, Stopwatch.GetElapsedTime(_started), _failed);
            _activity?.Dispose();
        }
    }
}
