using Comments.Api.Comments.Caching;
using Comments.Api.Comments.Storage;
using Comments.Api.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Comments.Api.Comments;

/// <summary>The two routes of the original comments API.</summary>
public static class CommentEndpoints
{
    public static RouteGroupBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/comment").WithTags("Comments");

        group.MapPost("/new", CreateAsync)
            .WithName("CreateComment")
            .WithSummary("Post a comment on a story")
            .WithDescription("Stores a comment for `content_id` and answers like the original API, plus the stored comment. Rate limited per client address.")
            .Accepts<NewCommentRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(WriteRateLimiting.PolicyName)
            .AddOpenApiOperationTransformer(CommentsOpenApi.DescribeCreate);

        group.MapGet("/list/{content_id}", ListAsync)
            .WithName("ListComments")
            .WithSummary("List the comments of a story")
            .WithDescription("Comments in posting order, at most `limit` per page. When more exist, the `Link` header (RFC 8288) carries the `rel=\"next\"` page.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(CommentsOpenApi.DescribeList);

        return group;
    }

    private static async Task<Results<Ok<CommentCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ICommentStore store, ListPageCache cache, CommentsTelemetry telemetry, IOptions<CommentsOptions> options, CancellationToken cancellationToken)
    {
        var outcome = await NewCommentReader.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return problem;
        }

        if (outcome.Invalid is { } invalid)
        {
            return invalid;
        }

        var input = outcome.Comment!;
        var stored = await store.AddAsync(new NewComment(Guid.CreateVersion7(), input.ContentId, input.Email, input.Comment), cancellationToken);
        cache.Invalidate(stored.ContentId); // before the answer: the poster's next read on this replica sees the comment
        telemetry.CommentCreated();

        return TypedResults.Ok(new CommentCreated(
            "SUCCESS", $"comment created and associated with content_id {stored.ContentId}", stored.ContentId, stored.ToView()));
    }

    // Ok<CommentView[]> describes the 200 answer in OpenAPI; first pages are sent as CachedPage, the same bytes.
    private static async Task<Results<Ok<CommentView[]>, CachedPage, NotFound<StatusMessage>, ValidationProblem>> ListAsync(
        [FromRoute(Name = "content_id")] string contentId,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        HttpContext context,
        ICommentStore store,
        ListPageCache cache,
        CommentsTelemetry telemetry,
        IOptions<CommentsOptions> options,
        CancellationToken cancellationToken)
    {
        var page = ListPage.TryCreate(contentId, limit, cursor, options.Value, out var errors);
        if (page is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid list request");
        }

        var firstPage = limit is null && cursor is null;
        if (firstPage && cache.TryGet(contentId, out var cached))
        {
            if (cached.MoreAfterId is { } lastId)
            {
                context.Response.Headers.Link = page.NextLink(context.Request, lastId);
            }

            telemetry.FirstPageReturned(cached.Count, fromCache: true);
            return cached;
        }

        var version = firstPage ? cache.VersionOf(contentId) : 0; // only first pages are cached
        // One row more than asked tells whether a next page exists.
        var rows = await store.ListAsync(contentId, page.AfterId, page.Limit + 1, cancellationToken);
        if (rows.Count == 0 && cursor is null)
        {
            return TypedResults.NotFound(new StatusMessage("NOT-FOUND", $"content_id {contentId} not found"));
        }

        var count = Math.Min(rows.Count, page.Limit);
        var comments = new CommentView[count];
        for (var i = 0; i < count; i++)
        {
            comments[i] = rows[i].ToView();
        }

        var more = rows.Count > page.Limit;
        if (more)
        {
            context.Response.Headers.Link = page.NextLink(context.Request, comments[^1].Id);
        }

        if (firstPage)
        {
            telemetry.FirstPageReturned(count, fromCache: false);
            return cache.Store(contentId, version, comments, more);
        }

        telemetry.ListReturned(count);
        return TypedResults.Ok(comments);
    }
}
