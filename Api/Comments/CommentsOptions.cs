namespace Comments.Api.Comments;

/// <summary>Limits of the comments endpoints (configuration section <c>Comments</c>).</summary>
public sealed class CommentsOptions
{
    public const string SectionName = "Comments";

    /// <summary>Page size when the request gives no <c>limit</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Largest <c>limit</c> a request may ask for.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Largest accepted body of <c>POST /api/comment/new</c>; larger bodies get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Memory for cached first pages of stories (their JSON); 0 turns the cache off.</summary>
    public long ListCacheBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest time a cached page is served; changes normally drop it within milliseconds.</summary>
    public TimeSpan ListCacheMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
