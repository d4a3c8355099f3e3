using Comments.Api.Comments;
using Comments.Api.Comments.Caching;
using Comments.Api.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Comments.Api;

public static class ApiRegistration
{
    /// <summary>Options, JSON, problem details, rate limiting and OpenAPI of the comments API.</summary>
    public static IHostApplicationBuilder AddCommentsApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<CommentsOptions>()
            .Bind(builder.Configuration.GetSection(CommentsOptions.SectionName))
            .Validate(o => o.DefaultPageSize is >= 1 and <= 100_000 && o.MaxPageSize is >= 1 and <= 100_000, "Comments:DefaultPageSize and Comments:MaxPageSize must be between 1 and 100000.")
            .Validate(o => o.DefaultPageSize <= o.MaxPageSize, "Comments:DefaultPageSize must not exceed Comments:MaxPageSize.")
            .Validate(o => o.MaxRequestBodyBytes is >= 1024 and <= 16 * 1024 * 1024, "Comments:MaxRequestBodyBytes must be between 1024 and 16777216.")
            .Validate(o => o.ListCacheBytes is >= 0 and <= 1L << 36, "Comments:ListCacheBytes must be between 0 (no cache) and 68719476736.")
            .Validate(o => o.ListCacheMaxAge >= TimeSpan.FromSeconds(1) && o.ListCacheMaxAge <= TimeSpan.FromDays(1), "Comments:ListCacheMaxAge must be between 00:00:01 and 1.00:00:00.")
            .ValidateOnStart();

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddSingleton<CommentsTelemetry>();
        services.AddSingleton<ListPageCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, CommentsJsonContext.Default);
        });

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // The framework answers 415 itself (from the endpoint's Accepts metadata); say what it wants.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
            {
                context.ProblemDetails.Detail ??= "Send the comment as a JSON object with Content-Type: application/json.";
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddWriteRateLimiting(builder.Configuration);

        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                // Scalar joins server and path: "http://host/" + "/api/..." would give "//api/...".
                foreach (var server in document.Servers ?? [])
                {
                    server.Url = server.Url?.TrimEnd('/');
                }

                document.Info.Title = "Comments API";
                document.Info.Description =
                    "Readers post comments on news stories and list what others said. Wire-compatible with the original Python comments API; errors are RFC 9457 problem details.";
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer(CommentsOpenApi.DescribeSchemas);
        });

        return builder;
    }
}
