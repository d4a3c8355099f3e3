using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Comments.Api.Comments.Storage;

/// <summary>
/// Comments in an embedded SQLite file: the zero-setup default. Writes are serialised in-process (SQLite has one
/// writer at a time anyway), the journal is WAL so reads never wait for them.
/// </summary>
public sealed class SqliteCommentStore : ICommentStore, IDisposable
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

    private const string InsertSql = """
        INSERT INTO comments (request_id, content_id, email, comment, created_at) VALUES ($request_id, $content_id, $email, $comment, $created_at)
        ON CONFLICT (request_id) DO NOTHING
        RETURNING id, created_at
        """;

    private const string FindSql = "SELECT id, created_at FROM comments WHERE request_id = $request_id";

    private const string ListSql = """
        SELECT id, email, comment, created_at FROM comments
        WHERE content_id = $content_id AND id > $after_id
        ORDER BY id
        LIMIT $limit
        """;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SchemaGate _schema;

    public SqliteCommentStore(string path, TimeProvider time)
    {
        _path = path;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
        _schema = new SchemaGate(CreateSchemaAsync);
    }

    public string Kind => "sqlite";

    public void Dispose()
    {
        _writer.Dispose();
        _schema.Dispose();
    }

    public static bool IsTransient(Exception ex) =>
        ex is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED };

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken).AsTask();

    public async Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        using var activity = StartActivity("INSERT", InsertSql);

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = connection.CreateCommand();
            insert.CommandText = InsertSql;
            insert.Parameters.AddWithValue("$request_id", comment.RequestId.ToString());
            insert.Parameters.AddWithValue("$content_id", comment.ContentId);
            insert.Parameters.AddWithValue("$email", comment.Email);
            insert.Parameters.AddWithValue("$comment", comment.Text);
            insert.Parameters.AddWithValue("$created_at", FormatTime(_time.GetUtcNow()));

            var row = await ReadIdAndTimeAsync(insert, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                await using var find = connection.CreateCommand();
                find.CommandText = FindSql;
                find.Parameters.AddWithValue("$request_id", comment.RequestId.ToString());
                row = await ReadIdAndTimeAsync(find, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The insert neither stored a row nor found an earlier one.");
            }

            return new StoredComment(row.Value.Id, comment.ContentId, comment.Email, comment.Text, row.Value.CreatedAt);
        }
        catch (Exception ex)
        {
            activity?.AddException(ex).SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        using var activity = StartActivity("SELECT", ListSql);
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
                comments.Add(new StoredComment(reader.GetInt64(0), contentId, reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3))));
            }

            return comments;
        }
        catch (Exception ex)
        {
            activity?.AddException(ex).SetStatus(ActivityStatusCode.Error);
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

    private static async Task<(long Id, DateTimeOffset CreatedAt)?> ReadIdAndTimeAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), ParseTime(reader.GetString(1)))
            : null;
    }

    // Microsoft.Data.Sqlite has no tracing of its own; these spans follow the OpenTelemetry database conventions.
    private static Activity? StartActivity(string operation, string sql)
    {
        var activity = CommentsTelemetry.ActivitySource.StartActivity($"{operation} comments", ActivityKind.Client);
        activity?.SetTag("db.system.name", "sqlite")
            .SetTag("db.operation.name", operation)
            .SetTag("db.collection.name", "comments")
            .SetTag("db.query.text", sql);
        return activity;
    }

    // Microsecond precision, like PostgreSQL's timestamptz.
    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
