using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// On SIGTERM the readiness check turns unhealthy first; the server keeps serving for <c>Shutdown:DrainDelay</c>
/// (default 0: in Kubernetes the preStop hook already waits) so that load balancers and clients that watch
/// readiness stop sending, then the host stops and in-flight requests complete.
/// </summary>
internal sealed class ShutdownReadiness(IConfiguration configuration) : IHealthCheck, IHostedLifecycleService
{
    public const string DrainDelayKey = "Shutdown:DrainDelay";

    // Parsed here rather than bound: ConfigurationBinder is not trim-safe, and a bad value fails the start, not the stop.
    private readonly TimeSpan _drainDelay = configuration[DrainDelayKey] switch
    {
        null or "" => TimeSpan.Zero,
        var text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero => delay,
        var text => throw new InvalidOperationException($"{DrainDelayKey} must be a non-negative time span such as 00:00:05, got '{text}'."),
    };

    private volatile bool _stopping;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stopping ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_drainDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(_drainDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host's shutdown timeout ran out: stop now.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
