using Comments.Api.Comments;
using Comments.Api.Comments.Storage;

namespace Comments.Api;

public static class StatusEndpoint
{
    /// <summary><c>GET /</c>: the original API's "is it up" check, as a small JSON document.</summary>
    public static IEndpointRouteBuilder MapStatusEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ICommentStore store) => TypedResults.Ok(new ServiceStatus("UP", "comments-api", store.Kind, "/apidocs")))
            .WithName("Status")
            .WithSummary("Is the API up")
            .WithTags("Status");
        return app;
    }
}
