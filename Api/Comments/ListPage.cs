using System.Globalization;

namespace Comments.Api.Comments;

/// <summary>A validated page request of <c>GET /api/comment/list/{content_id}</c>. The cursor is the id of the last comment seen.</summary>
public sealed record ListPage(int Limit, long AfterId)
{
    public static ListPage? TryCreate(string contentId, string? limit, string? cursor, CommentsOptions options, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (CommentRules.CheckContentId(contentId) is { } contentIdError)
        {
            errors["content_id"] = [contentIdError];
        }

        var pageSize = options.DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
            || pageSize < 1 || pageSize > options.MaxPageSize))
        {
            errors["limit"] = [$"limit must be between 1 and {options.MaxPageSize}."];
        }

        long afterId = 0;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out afterId) || afterId < 1))
        {
            errors["cursor"] = ["cursor is not valid; take it from the Link header of the previous page."];
        }

        return errors.Count == 0 ? new ListPage(pageSize, afterId) : null;
    }

    /// <summary>An RFC 8288 <c>Link</c> header value for the page after <paramref name="lastId"/>.</summary>
    public string NextLink(HttpRequest request, long lastId) =>
        string.Create(CultureInfo.InvariantCulture, $"<{request.PathBase}{request.Path}?limit={Limit}&cursor={lastId}>; rel=\"next\"");
}
