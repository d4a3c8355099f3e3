namespace Comments.Api.Comments.Storage;

/// <summary>Storage settings (configuration section <c>Database</c>). PostgreSQL is used when <c>ConnectionStrings:comments</c> is set.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>SQLite file used when no PostgreSQL connection string is configured; relative paths are under the content root.</summary>
    public string SqlitePath { get; set; } = "data/comments.db";

    /// <summary>Upper bound for one request's database work, retries included; past it the request gets 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound for a single attempt (connect and query).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of transient failures, with exponential backoff from 100 ms and jitter.</summary>
    public int MaxRetries { get; set; } = 3;
}
