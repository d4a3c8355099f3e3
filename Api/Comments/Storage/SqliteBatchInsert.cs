using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Comments.Api.Comments.Storage;

/// <summary>Stores a batch of comments in one SQLite transaction (the commit function of the SQLite store's <see cref="BatchQueue{TRequest, TResult}"/>).</summary>
internal sealed class SqliteBatchInsert(Func<CancellationToken, Task<SqliteConnection>> open, TimeProvider time)
{
    public const string InsertSql = """
        INSERT INTO comments (request_id, content_id, email, comment, created_at) VALUES ($request_id, $content_id, $email, $comment, $created_at)
        ON CONFLICT (request_id) DO NOTHING
        RETURNING id, created_at
        """;

    private const string FindSql = "SELECT id, created_at FROM comments WHERE request_id = $request_id";

    public async Task<StoredComment[]> CommitAsync(IReadOnlyList<NewComment> batch)
    {
        await using var connection = await open(CancellationToken.None).ConfigureAwait(false);
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
            var comment = batch[i];
            requestId.Value = comment.RequestId.ToString();
            contentId.Value = comment.ContentId;
            email.Value = comment.Email;
            text.Value = comment.Text;
            createdAt.Value = FormatTime(time.GetUtcNow());

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
}
