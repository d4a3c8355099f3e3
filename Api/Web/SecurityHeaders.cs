namespace Comments.Api.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Adds headers that stop browsers from guessing content types or framing responses. They are set when the
    /// response starts, so error responses written by the exception handler carry them too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
