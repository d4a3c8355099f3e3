using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Comments.Api.Tests.Telemetry;

/// <summary>
/// OTLP over HTTP, every signal or only traces (as in the cluster, where Jaeger takes traces alone), and
/// Telemetry:TraceMirrorEndpoint, a second OTLP/HTTP receiver for traces (Jaeger, when the AppHost runs it): here a
/// receiver on loopback that records what it is sent.
/// </summary>
[Collection(nameof(RunAlone))] // reads the OpenTelemetry SDK's event source, which is process-wide
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly List<(string Path, byte[] Body)> _received = [];
    private WebApplication? _receiver;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (_received)
            {
                _received.Add((request.Path.Value!, body.ToArray()));
            }

            return Results.Ok();
        });
        await _receiver.StartAsync();
    }

    [Fact]
    public async Task Traces_metrics_and_logs_reach_the_otlp_endpoint_over_http()
    {
        var settings = ApiFactory.StoreSettings(null);
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = ReceiverAddress;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        await using var factory = new ApiFactory(settings);
        var traceId = await PostTracedCommentAsync(factory.CreateClient());

        // Metric and log names travel as UTF-8 strings.
        var expected = new (string Path, byte[] Content)[]
        {
            ("/v1/traces", traceId),
            ("/v1/metrics", "comments.created"u8.ToArray()),
            ("/v1/logs", "Comments.Api"u8.ToArray()),
        };
        await FlushUntilReceivedAsync(factory, expected);

        foreach (var (path, content) in expected)
        {
            Assert.True(Received(path, content), $"The OTLP receiver got nothing expected on {path}.");
        }
    }

    [Fact]
    public async Task Only_traces_are_exported_when_only_the_traces_endpoint_is_set()
    {
        using var sdkEvents = new OpenTelemetrySdkEvents();
        var settings = ApiFactory.StoreSettings(null);
        settings["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = ReceiverAddress + "/v1/traces";
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        await using var factory = new ApiFactory(settings);
        var traceId = await PostTracedCommentAsync(factory.CreateClient());
        await FlushUntilReceivedAsync(factory, ("/v1/traces", traceId));

        Assert.True(Received("/v1/traces", traceId), "The traces endpoint got no span of the request's trace.");
        // The SDK names the exporters of each provider as it builds them; metrics still have their Prometheus one.
        Assert.Contains(sdkEvents.Messages, m => m.Contains("PrometheusExporter", StringComparison.Ordinal));
        Assert.DoesNotContain(sdkEvents.Messages, m => m.Contains("OtlpMetricExporter", StringComparison.Ordinal));
        Assert.DoesNotContain(sdkEvents.Messages, m => m.Contains("OtlpLogExporter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_reach_the_mirror_receiver()
    {
        var settings = ApiFactory.StoreSettings(null);
        settings["Telemetry:TraceMirrorEndpoint"] = ReceiverAddress;
        await using var factory = new ApiFactory(settings);
        var traceId = await PostTracedCommentAsync(factory.CreateClient());
        await FlushUntilReceivedAsync(factory, ("/v1/traces", traceId));

        Assert.True(Received("/v1/traces", traceId), "The mirror receiver got no span of the request's trace.");
    }

    /// <summary>Posts a comment within a new, sampled trace and returns the trace's id as OTLP protobuf carries it (16 raw bytes).</summary>
    private static async Task<byte[]> PostTracedCommentAsync(HttpClient client)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/comment/new")
        {
            Content = JsonContent.Create(new { email = "o@example.com", comment = "exported", content_id = "otlp" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        return Convert.FromHexString(traceId.ToHexString());
    }

    /// <summary>
    /// Flushes the app's providers until each content has reached its path, or 20 s have passed: the server span
    /// may end just after the answer arrives, and metrics and logs are exported in batches.
    /// </summary>
    private async Task FlushUntilReceivedAsync(ApiFactory factory, params (string Path, byte[] Content)[] expected)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20) && !expected.All(e => Received(e.Path, e.Content)))
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
            factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
            factory.Services.GetRequiredService<LoggerProvider>().ForceFlush();
            await Task.Delay(200);
        }
    }

    private string ReceiverAddress => _receiver!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private bool Received(string path, byte[] content)
    {
        lock (_received)
        {
            return _received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(content) >= 0);
        }
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    /// <summary>What the OpenTelemetry SDK reports while providers are built, among it the exporters it adds.</summary>
    private sealed class OpenTelemetrySdkEvents : EventListener
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "OpenTelemetry-Sdk")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            lock (_messages)
            {
                _messages.Add(string.Join(' ', eventData.Payload ?? []));
            }
        }
    }
}
