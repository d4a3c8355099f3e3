namespace Comments.Api.Comments.Storage;

/// <summary>The store the endpoints use: every call of the engine-specific store goes through <see cref="DatabaseCalls"/>.</summary>
public sealed class ResilientCommentStore(ICommentStore inner, DatabaseCalls calls) : ICommentStore
{
    public string Kind => inner.Kind;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(static async (store, token) => { await store.EnsureSchemaAsync(token); return true; }, inner, cancellationToken);

    public Task<StoredComment> AddAsync(NewComment comment, CancellationToken cancellationToken) =>
        calls.RunAsync(static (args, token) => new ValueTask<StoredComment>(args.inner.AddAsync(args.comment, token)), (inner, comment), cancellationToken);

    public Task<IReadOnlyList<StoredComment>> ListAsync(string contentId, long afterId, int limit, CancellationToken cancellationToken) =>
        calls.RunAsync(
            static (args, token) => new ValueTask<IReadOnlyList<StoredComment>>(args.inner.ListAsync(args.contentId, args.afterId, args.limit, token)),
            (inner, contentId, afterId, limit),
            cancellationToken);
}
