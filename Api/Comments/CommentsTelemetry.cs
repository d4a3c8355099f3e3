using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Comments.Api.Comments;

/// <summary>
/// The application's own telemetry: the "Comments" activity source and meter. Nothing recorded here carries an
/// email address; the only tags are the storage engine and the list cache's hit or miss.
/// </summary>
public sealed class CommentsTelemetry
{
    public const string Name = "Comments";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _created;
    private readonly Histogram<int> _listSize;
    private readonly Counter<long> _cacheRequests;
    private readonly Histogram<double> _sqliteDuration;

    public CommentsTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _created = meter.CreateCounter<long>("comments.created", "{comment}", "Comments stored.");
        _listSize = meter.CreateHistogram<int>(
            "comments.list.size", "{comment}", "Comments returned by one list request.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

        _cacheRequests = meter.CreateCounter<long>(
            "comments.list.cache.requests", "{request}", "First-page list requests, by whether the list cache answered (hit) or the database (miss).");

        // Npgsql reports its own db.client.* metrics; Microsoft.Data.Sqlite has none, so the SQLite store reports this one.
        _sqliteDuration = meter.CreateHistogram<double>(
            "db.client.operation.duration", "s", "Duration of SQLite operations of the embedded store.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>
    /// A client span for a database operation, following the OpenTelemetry database conventions: the SQL text but
    /// never its parameters. Used where the driver's own span is not in the request's trace (SQLite has none; batched
    /// PostgreSQL inserts run on the writer, linked back to the requests).
    /// </summary>
    public static Activity? StartDatabaseSpan(string system, string operation, string sql)
    {
        var activity = ActivitySource.StartActivity($"{operation} comments", ActivityKind.Client);
        activity?.SetTag("db.system.name", system)
            .SetTag("db.operation.name", operation)
            .SetTag("db.collection.name", "comments")
            .SetTag("db.query.text", sql);
        return activity;
    }

    public void CommentCreated() => _created.Add(1);

    public void ListReturned(int count) => _listSize.Record(count);

    public void FirstPageReturned(int count, bool fromCache)
    {
        ListReturned(count);
        _cacheRequests.Add(1, new KeyValuePair<string, object?>("comments.list.cache.result", fromCache ? "hit" : "miss"));
    }

    public void SqliteOperation(string operation, TimeSpan duration, bool failed) =>
        _sqliteDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("db.system.name", "sqlite"),
            new KeyValuePair<string, object?>("db.operation.name", operation),
            new KeyValuePair<string, object?>("error.type", failed ? "exception" : null));
}
