using Comments.Api.Comments.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Comments.Api.Web;

/// <summary>
/// Turns known failures into problem details: an unavailable database into 503 with Retry-After, a bad request
/// that the framework rejected into its own status code. Anything else stays a 500.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title, detail;
        switch (exception)
        {
            case DatabaseUnavailableException unavailable:
                LogDatabaseUnavailable(context.Request.Path, unavailable.InnerException?.GetType().Name);
                status = StatusCodes.Status503ServiceUnavailable;
                title = "Database unavailable";
                detail = "The comments database cannot be reached right now; nothing was changed. Try again in a few seconds.";
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case BadHttpRequestException badRequest:
                status = badRequest.StatusCode;
                title = ReasonPhrases.GetReasonPhrase(status);
                detail = badRequest.Message;
                break;
            default:
                return false;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(LogLevel.Warning, "Database unavailable while serving {Path} ({Error}); answered 503.")]
    private partial void LogDatabaseUnavailable(PathString path, string? error);
}
