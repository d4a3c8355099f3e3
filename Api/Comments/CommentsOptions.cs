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

    /// <summary>
    /// Memory for cached first pages of stories (their JSON and entries); 0 turns the cache off. With the garbage
    /// collector's headroom a full cache costs the process about twice this: 16 MiB keeps a replica under the
    /// autoscaler's memory target (80 % of the 128 MiB request) when readers spread over more stories than fit.
    /// </summary>
    public long ListCacheBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest time a cached page is served; changes normally drop it within milliseconds.</summary>
    public TimeSpan ListCacheMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
