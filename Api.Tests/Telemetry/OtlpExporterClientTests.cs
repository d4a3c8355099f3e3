using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Comments.Api.Tests.Telemetry;

/// <summary>
/// The OTLP exporters retry and time out on their own, so they do not take their HttpClients from IHttpClientFactory,
/// whose ServiceDefaults give every client the standard resilience handler (it would retry each failed export up to
/// three more times).
/// </summary>
public sealed class OtlpExporterClientTests
{
    [Fact]
    public async Task The_exporters_build_no_client_through_the_http_client_factory()
    {
        var settings = ApiFactory.StoreSettings(null);
        var collector = $"http://127.0.0.1:{LoopbackPort.Next()}"; // nothing listens: only the clients matter here
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector;
        settings["Telemetry:TraceMirrorEndpoint"] = collector;
        var built = new List<string>();
        await using var factory = new ApiFactory(settings, services => services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new RecordNames(built)));

        using var response = await factory.CreateClient().GetAsync("/");
        response.EnsureSuccessStatusCode();
        factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient("any-other-client").Dispose();

        lock (built)
        {
            Assert.Equal(["any-other-client"], built);
        }
    }

    private sealed class RecordNames(List<string> built) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            lock (built)
            {
                built.Add(builder.Name ?? "");
            }

            next(builder);
        };
    }
}
