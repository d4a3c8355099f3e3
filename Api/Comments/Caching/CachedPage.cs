namespace Comments.Api.Comments.Caching;

/// <summary>A list page as sent: the JSON array, and where the next page starts if there is one.</summary>
public sealed class CachedPage(byte[] json, long? moreAfterId, int count, long storedAt) : IResult
{
    public byte[] Json { get; } = json;

    /// <summary>The cursor of the next page (the request's <c>Link</c> header is made from it), or null on the last page.</summary>
    public long? MoreAfterId { get; } = moreAfterId;

    /// <summary>Comments on the page.</summary>
    public int Count { get; } = count;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the page was read from the database.</summary>
    public long StoredAt { get; } = storedAt;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = Json.Length;

        return response.Body.WriteAsync(Json).AsTask();
    }
}
