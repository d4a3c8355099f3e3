using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Comments.Api.Tests.Telemetry;

/// <summary>
/// The OTLP exporters retry and time out on their own, so their HttpClients go without the standard resilience
/// handler that ServiceDefaults gives every other client (which would retry each failed export up to three more times).
/// </summary>
public sealed class OtlpExporterClientTests
{
    [Theory]
    [InlineData("OtlpTraceExporter", false)]
    [InlineData("OtlpMetricExporter", false)]
    [InlineData("OtlpLogExporter", false)]
    [InlineData("any-other-client", true)]
    public async Task Only_clients_other_than_the_exporters_get_the_resilience_handler(string clientName, bool resilient)
    {
        await using var factory = new ApiFactory(ApiFactory.StoreSettings(null));
        var handlers = factory.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = new List<Type>();
        for (var handler = handlers.CreateHandler(clientName); handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(handler.GetType());
        }

        Assert.Equal(resilient, chain.Any(type => type.IsAssignableTo(typeof(ResilienceHandler))));
        Assert.Contains(chain, type => type.IsAssignableTo(typeof(SocketsHttpHandler)) || type.IsAssignableTo(typeof(HttpClientHandler)));
    }
}
