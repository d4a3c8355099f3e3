namespace Comments.Api.Comments.Storage;

/// <summary>A comment to store. <paramref name="RequestId"/> makes retried inserts idempotent.</summary>
public sealed record NewComment(Guid RequestId, string ContentId, string Email, string Text)
{
    // Emails are personal data: keep them out of anything that logs this object (Polly's telemetry does).
    public override string ToString() => $"NewComment {{ RequestId = {RequestId}, ContentId = {ContentId} }}";
}

public sealed record StoredComment(long Id, string ContentId, string Email, string Text, DateTimeOffset CreatedAt)
{
    public CommentView ToView() => new(Id, Email, Text, CreatedAt);

    public override string ToString() => $"StoredComment {{ Id = {Id}, ContentId = {ContentId} }}";
}

/// <summary>Where comments live. Implementations create their schema on first use and report transient errors for retries.</summary>
public interface ICommentStore
{
    /// <summary>Short name of the storage engine, shown by <c>GET /</c>.</summary>
    string Kind { get; }

    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Stores the comment, or returns the row an earlier attempt with the same request id stored.</summary>
    Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> comments of a story with an id above <paramref name="afterId"/>, in posting order.</summary>
    Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken);
}
