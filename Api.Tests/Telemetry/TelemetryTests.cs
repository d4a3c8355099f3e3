using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Comments.Api.Tests.Telemetry;

/// <summary>
/// Traces, metrics and logs captured with in-memory exporters: a POST gives a server span and a database span,
/// the Comments meter counts it, and no span, log or metric carries the email (logging at Trace to see everything).
/// </summary>
public abstract class TelemetryTests : IAsyncLifetime, IDisposable
{
    private const string Email = "telemetry.probe+secret@example.com";
    private const string EmailLocalPart = "telemetry.probe";

    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly LogRecordCapture _logs = new();
    private ApiFactory? _factory;

    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    /// <summary>Picks the database client span of this store.</summary>
    protected abstract bool IsDatabaseSpan(Activity span);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task A_post_yields_server_and_database_spans_and_a_counted_comment_and_never_the_email()
    {
        var settings = await StoreSettingsAsync();
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:Polly"] = "Trace";
        _factory = new ApiFactory(settings, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(_logs));
        });
        var client = _factory.CreateClient();

        // Activity listeners are process-wide and other tests run in parallel: our own trace id tells our spans apart.
        var traceId = ActivityTraceId.CreateRandom();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/comment/new")
        {
            Content = JsonContent.Create(new { email = Email, comment = "traced", content_id = "telemetry" }),
        };
        post.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var created = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var invalid = await client.PostAsJsonAsync("/api/comment/new", new { email = Email, comment = "", content_id = "telemetry" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/comment/list/telemetry");
        var listTraceId = ActivityTraceId.CreateRandom();
        list.Headers.Add("traceparent", $"00-{listTraceId}-{ActivitySpanId.CreateRandom()}-01");
        using var listResponse = await client.SendAsync(list);
        var listed = await listResponse.Content.ReadAsStringAsync();
        Assert.Contains(Email, listed, StringComparison.Ordinal); // the API returns it; telemetry must not
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var scrape = await client.GetStringAsync("/metrics");
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] spans;
        lock (_spans)
        {
            spans = [.. _spans];
        }

        var server = Assert.Single(spans, s => s.TraceId == traceId && s.Kind == ActivityKind.Server);
        Assert.Equal("POST /api/comment/new", server.DisplayName);
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Assert.Contains(spans, s => s.TraceId == traceId && IsDatabaseSpan(s));
        Assert.Contains(spans, s => s.DisplayName == "comments.insert_batch" && s.Links.Any(l => l.Context.TraceId == traceId));
        Assert.Contains(spans, s => s.TraceId == listTraceId && IsDatabaseSpan(s));
        Assert.DoesNotContain(spans, s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) is "/health" or "/alive" or "/metrics");

        Assert.Equal(1, Sum(_metrics, "comments.created"));
        Assert.Contains(_metrics, m => m.Name == "comments.list.size");
        Assert.Contains(_metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(_metrics, m => m.Name == "db.client.operation.duration" && m.MeterName is "Comments" or "Npgsql");
        Assert.Contains("comments_created_total", scrape, StringComparison.Ordinal);
        // The cardinality view keeps each histogram's advised buckets (ours, and ASP.NET Core's).
        Assert.Matches("comments_list_size_bucket\\{[^}]*le=\"2\"", scrape);
        Assert.Matches("http_server_request_duration_seconds_bucket\\{[^}]*le=\"0.005\"", scrape);

        Assert.NotEmpty(_logs.Lines);
        var everything = new StringBuilder(scrape);
        foreach (var span in spans)
        {
            everything.AppendLine(Describe(span));
        }

        foreach (var metric in _metrics)
        {
            everything.AppendLine(Describe(metric));
        }

        foreach (var line in _logs.Lines)
        {
            everything.AppendLine(line);
        }

        var text = everything.ToString();
        Assert.DoesNotContain(EmailLocalPart, text, StringComparison.OrdinalIgnoreCase);
    }

    private static long Sum(IEnumerable<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder($"{span.Source.Name} {span.DisplayName} {span.StatusDescription}");
        foreach (var (key, value) in span.TagObjects)
        {
            text.Append($" {key}={value}");
        }

        foreach (var spanEvent in span.Events)
        {
            text.Append($" event {spanEvent.Name}");
            foreach (var (key, value) in spanEvent.Tags)
            {
                text.Append($" {key}={value}");
            }
        }

        foreach (var (key, value) in span.Baggage)
        {
            text.Append($" baggage {key}={value}");
        }

        return text.ToString();
    }

    private static string Describe(Metric metric)
    {
        var text = new StringBuilder(metric.Name);
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                text.Append($" {tag.Key}={tag.Value}");
            }
        }

        return text.ToString();
    }

    /// <summary>Keeps each log record as text when it is emitted (records are pooled, so they cannot be kept).</summary>
    private sealed class LogRecordCapture : BaseProcessor<LogRecord>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public override void OnEnd(LogRecord data)
        {
            var line = new StringBuilder($"{data.CategoryName} {data.EventId} {data.FormattedMessage} {data.Body} {data.Exception}");
            foreach (var (key, value) in data.Attributes ?? [])
            {
                line.Append($" {key}={value}");
            }

            data.ForEachScope((scope, builder) =>
            {
                foreach (var (key, value) in scope)
                {
                    builder.Append($" scope {key}={value}");
                }
            }, line);

            lock (_lines)
            {
                _lines.Add(line.ToString());
            }
        }
    }
}

[Collection(nameof(RunAlone))]
public sealed class SqliteTelemetryTests : TelemetryTests
{
    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() => Task.FromResult(ApiFactory.StoreSettings(null));

    protected override bool IsDatabaseSpan(Activity span) =>
        span.Kind == ActivityKind.Client && span.Source.Name == "Comments" && Equals(span.GetTagItem("db.system.name"), "sqlite");
}

[Collection(nameof(RunAlone))]
public sealed class PostgresTelemetryTests : TelemetryTests
{
    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync() =>
        ApiFactory.StoreSettings(await SharedPostgres.CreateDatabaseAsync("telemetry"));

    // Inserts and reads run in batches (their Npgsql spans sit under a batch span linked to the requests), so the
    // request's own database span is the store's client span.
    protected override bool IsDatabaseSpan(Activity span) =>
        span.Kind == ActivityKind.Client && span.Source.Name == "Comments" && Equals(span.GetTagItem("db.system.name"), "postgresql");
}
