using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults shared by every service: OpenTelemetry, health checks,
/// service discovery and HttpClient resilience (the dotnet/eShop layout).
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Base address of a second OTLP/HTTP receiver for traces (configuration key).</summary>
    public const string TraceMirrorEndpointKey = "Telemetry:TraceMirrorEndpoint";

    /// <summary>Health checks with this tag run for the liveness probe too; all checks run for readiness.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] extraSources)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry(extraSources);
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>Traces, metrics and logs; <paramref name="extraSources"/> names the application's ActivitySources and Meters to export.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, params string[] extraSources)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME (set by Aspire and in Kubernetes) wins; otherwise the application's name.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(builder.Environment.ApplicationName);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(extraSources)
                    // Each metric stream allocates room for this many tag combinations up front, per reader. The
                    // default (2,000) costs much memory and start-up time (docs/performance.md); these services use far fewer.
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricCardinalityLimit })
                    .AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddSource(extraSources)
                    .AddAspNetCoreInstrumentation(aspnet =>
                        // Probes and scrapes run every few seconds; tracing them only adds noise.
                        aspnet.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddHttpClientInstrumentation();
            });

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    private const int MetricCardinalityLimit = 200;

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath)
        || path.StartsWithSegments(AlivenessEndpointPath)
        || path.StartsWithSegments(MetricsEndpointPath);

    /// <summary>
    /// OTLP export of each signal whose endpoint is set: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> for all three, or
    /// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>, <c>..._METRICS_...</c>, <c>..._LOGS_...</c> for one (the standard
    /// <c>OTEL_*</c> variables configure the rest). The cluster sets only the traces endpoint: Jaeger takes traces
    /// alone, Prometheus scrapes the metrics and logs are read from stdout. A second trace exporter is added when
    /// <c>Telemetry:TraceMirrorEndpoint</c> is set: the AppHost uses it so that traces reach Jaeger as well as the
    /// Aspire dashboard.
    /// </summary>
    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var telemetry = builder.Services.AddOpenTelemetry();

        // Signal-specific exporters rather than UseOtlpExporter(), which cannot be combined with the mirror below.
        if (HasOtlpEndpoint(builder.Configuration, "TRACES"))
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(otlp => ConfigureSignalExporter(otlp, builder.Configuration, "TRACES")));
        }

        if (HasOtlpEndpoint(builder.Configuration, "METRICS"))
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(otlp => ConfigureSignalExporter(otlp, builder.Configuration, "METRICS")));
        }

        if (HasOtlpEndpoint(builder.Configuration, "LOGS"))
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(otlp => ConfigureSignalExporter(otlp, builder.Configuration, "LOGS")));
        }

        if (builder.Configuration[TraceMirrorEndpointKey] is { Length: > 0 } mirror)
        {
            // OTLP over HTTP: the endpoint is the receiver's base address, e.g. http://localhost:4318.
            var endpoint = new Uri(new Uri(mirror.TrimEnd('/') + "/"), "v1/traces");
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter("trace-mirror", otlp =>
            {
                UseOwnHttpClient(otlp);
                otlp.Endpoint = endpoint;
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            }));
        }

        return builder;
    }

    private static bool HasOtlpEndpoint(IConfiguration configuration, string signal) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]);

    // AddOtlpExporter reads only the general OTEL_EXPORTER_OTLP_* variables. A signal's own endpoint takes
    // precedence and, as the OTLP specification says, is used as is (no /v1/... appended).
    private static void ConfigureSignalExporter(OtlpExporterOptions otlp, IConfiguration configuration, string signal)
    {
        UseOwnHttpClient(otlp);
        if (configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"] is { Length: > 0 } endpoint)
        {
            otlp.Endpoint = new Uri(endpoint);
        }
    }

    // The exporter's own client, as OpenTelemetry creates it without IHttpClientFactory. Clients from the factory get
    // the defaults above, whose resilience handler would retry every failed export again although the exporter retries
    // and times out on its own (OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY, OTEL_EXPORTER_OTLP_TIMEOUT), and building that
    // handler slowed the native AOT start-up (docs/performance.md).
    private static void UseOwnHttpClient(OtlpExporterOptions otlp) =>
        otlp.HttpClientFactory = () => new HttpClient { Timeout = TimeSpan.FromMilliseconds(otlp.TimeoutMilliseconds) };

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<ShutdownReadiness>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownReadiness>());
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<ShutdownReadiness>("shutdown");

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check), <c>/alive</c> (liveness: only checks tagged
    /// "live") and the Prometheus scrape endpoint <c>/metrics</c>. They are mapped in every
    /// environment because Kubernetes probes and scrapers need them in production.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).DisableHttpMetrics();

        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).DisableHttpMetrics();

        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath).DisableHttpMetrics();

        return app;
    }
}
