using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Comments.Api.Comments;

/// <summary>
/// The application's own telemetry: the "Comments" activity source and meter. Nothing recorded here carries an
/// email address; the only tag is the storage engine.
/// </summary>
public sealed class CommentsTelemetry
{
    public const string Name = "Comments";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _created;
    private readonly Histogram<int> _listSize;

    public CommentsTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _created = meter.CreateCounter<long>("comments.created", "{comment}", "Comments stored.");
        _listSize = meter.CreateHistogram<int>(
            "comments.list.size", "{comment}", "Comments returned by one list request.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
    }

    public void CommentCreated() => _created.Add(1);

    public void ListReturned(int count) => _listSize.Record(count);
}
