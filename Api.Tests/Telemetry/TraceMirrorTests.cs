using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Comments.Api.Tests.Telemetry;

/// <summary>
/// Telemetry:TraceMirrorEndpoint sends traces to a second OTLP/HTTP receiver (Jaeger, when the AppHost runs it):
/// here a receiver on loopback that records what it is sent.
/// </summary>
public sealed class TraceMirrorTests : IAsyncLifetime
{
    private readonly List<byte[]> _received = [];
    private WebApplication? _receiver;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            lock (_received)
            {
                _received.Add(body.ToArray());
            }

            return Results.Ok();
        });
        await _receiver.StartAsync();
    }

    [Fact]
    public async Task Traces_reach_the_mirror_receiver()
    {
        var receiver = _receiver!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var settings = ApiFactory.StoreSettings(null);
        settings["Telemetry:TraceMirrorEndpoint"] = receiver;
        await using var factory = new ApiFactory(settings);
        var client = factory.CreateClient();

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/comment/new")
        {
            Content = JsonContent.Create(new { email = "m@example.com", comment = "mirrored", content_id = "mirror" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // OTLP protobuf carries the trace id as its 16 raw bytes.
        var traceIdBytes = Convert.FromHexString(traceId.ToHexString());
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20) && !Received(traceIdBytes))
        {
            await Task.Delay(100);
        }

        Assert.True(Received(traceIdBytes), "The mirror receiver got no span of the request's trace.");
    }

    private bool Received(byte[] traceId)
    {
        lock (_received)
        {
            return _received.Any(body => body.AsSpan().IndexOf(traceId) >= 0);
        }
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
