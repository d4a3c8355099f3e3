using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Comments.Api.Comments.Storage;

/// <summary>Readiness of the embedded store: the schema exists (or can be created) and the file answers a query.</summary>
internal sealed class SqliteHealthCheck(SqliteCommentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListAsync("health-check", long.MaxValue, 1, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The SQLite database cannot be read.", ex);
        }
    }
}
