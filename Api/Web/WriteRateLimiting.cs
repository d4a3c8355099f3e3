using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Comments.Api.Web;

/// <summary>Settings of the write rate limit (configuration section <c>RateLimiting:Writes</c>): a fixed window per client address.</summary>
public sealed class WriteRateLimitOptions
{
    public const string SectionName = "RateLimiting:Writes";

    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class WriteRateLimiting
{
    public const string PolicyName = "comment-writes";

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WriteRateLimitOptions>()
            .Bind(configuration.GetSection(WriteRateLimitOptions.SectionName))
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, "RateLimiting:Writes needs a positive PermitLimit and Window.")
            .ValidateOnStart();

        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<WriteRateLimitOptions>>().Value;
                // Behind a proxy, enable forwarded headers (ASPNETCORE_FORWARDEDHEADERS_ENABLED) so this is the client's address.
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
        });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many comments",
                Detail = $"This client has posted too many comments; try again in {seconds} s.",
            },
        });
    }
}
