using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Comments.Api.Comments.Caching;

/// <summary>
/// First pages of stories (the default page, nearly all list traffic) as sent, UTF-8 JSON, so that a hit costs
/// neither a database round trip nor serialization. Bounded by
/// <see cref="CommentsOptions.ListCacheBytes"/>; entries also expire after <see cref="CommentsOptions.ListCacheMaxAge"/>.
/// </summary>
/// <remarks>
/// Pages are dropped when their story changes: at once for this replica's own posts, and through the database's
/// change notifications for everything else (other replicas, moderation by SQL). The cache answers only while
/// those notifications flow (<see cref="Activate"/>); the store's listener deactivates it when they stop.
/// A page read from the database is kept only if its story was not invalidated while it was being read, so an
/// invalidation that races with a read never leaves the older page behind.
/// </remarks>
public sealed class ListPageCache
{
    private const int Stripes = 4096;

    // Memory of an entry besides its JSON and the key's characters, on x64: the page object (56 bytes), the array's
    // header (24), the dictionary node (48) and the key string's header (22).
    private const int EntryOverhead = 150;

    // A full cache takes one page in this many. When readers spread over more stories than fit (a crawler, or the
    // benchmark's 100,000 stories), storing every page would evict one for each: megabytes a second of pages that
    // live just long enough to reach the oldest generation, and the process grows far beyond the budget
    // (docs/performance.md). A hot page still gets in after about this many of its misses.
    private const int AdmitOneInWhenFull = 16;

    private readonly ConcurrentDictionary<string, CachedPage> _pages = new(StringComparer.Ordinal);
    private readonly long[] _versions = new long[Stripes];
    private readonly long _maxBytes;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly JsonTypeInfo<CommentView[]> _json;
    private long _bytes;
    private long _turnedAway;
    private int _trimming;
    private volatile bool _active;

    public ListPageCache(IOptions<CommentsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider time)
    {
        _maxBytes = options.Value.ListCacheBytes;
        _maxAge = options.Value.ListCacheMaxAge;
        _time = time;
        // The serializer settings of the API's JSON results, so that a cached page is byte for byte what Ok() sends.
        _json = (JsonTypeInfo<CommentView[]>)json.Value.SerializerOptions.GetTypeInfo(typeof(CommentView[]));
    }

    /// <summary>Whether pages are served and kept: only while changes made elsewhere are known to reach this cache.</summary>
    public bool IsActive => _active;

    /// <summary>Bytes held: the pages' JSON and an estimate of each entry's overhead.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _pages.Count;

    public void Activate()
    {
        if (_maxBytes > 0)
        {
            InvalidateAll(); // whatever changed while inactive is unknown
            _active = true;
        }
    }

    public void Deactivate()
    {
        _active = false;
        InvalidateAll();
    }

    public bool TryGet(string contentId, out CachedPage page)
    {
        if (_active && _pages.TryGetValue(contentId, out page!))
        {
            if (_time.GetElapsedTime(page.StoredAt) < _maxAge)
            {
                return true;
            }

            Remove(contentId, page);
        }

        page = null!;
        return false;
    }

    /// <summary>Read before loading a page from the database; hand it to <see cref="Store"/> with the page.</summary>
    public long VersionOf(string contentId) => Volatile.Read(ref _versions[StripeOf(contentId)]);

    /// <summary>A page for the response, kept for later requests if the story has not changed since <paramref name="version"/>.</summary>
    public CachedPage Store(string contentId, long version, CommentView[] comments, bool more)
    {
        var page = new CachedPage(
            JsonSerializer.SerializeToUtf8Bytes(comments, _json), more ? comments[^1].Id : null, comments.Length, _time.GetTimestamp());
        ref var stripe = ref _versions[StripeOf(contentId)];
        var cost = CostOf(contentId, page);
        if (!_active || cost > _maxBytes / 16 || Volatile.Read(ref stripe) != version || !Admit(cost) || !_pages.TryAdd(contentId, page))
        {
            return page; // (a page stored by a concurrent miss is as fresh as this one)
        }

        Interlocked.Add(ref _bytes, cost);
        if (Volatile.Read(ref stripe) != version || !_active)
        {
            Remove(contentId, page); // invalidated while being added; the invalidation may have looked before the add
        }
        else if (Interlocked.Read(ref _bytes) > _maxBytes)
        {
            Trim();
        }

        return page;
    }

    public void Invalidate(string contentId)
    {
        Interlocked.Increment(ref _versions[StripeOf(contentId)]);
        if (_pages.TryRemove(contentId, out var page))
        {
            Interlocked.Add(ref _bytes, -CostOf(contentId, page));
        }
    }

    public void InvalidateAll()
    {
        for (var i = 0; i < Stripes; i++)
        {
            Interlocked.Increment(ref _versions[i]);
        }

        foreach (var (contentId, page) in _pages)
        {
            Remove(contentId, page);
        }
    }

    private static int StripeOf(string contentId) => (int)((uint)contentId.GetHashCode() % Stripes);

    private static long CostOf(string contentId, CachedPage page) => page.Json.Length + 2L * contentId.Length + EntryOverhead;

    // Full means above the level trimming returns to, so that each trim does not let the next pages in freely.
    private bool Admit(long cost) =>
        Interlocked.Read(ref _bytes) + cost <= TrimmedBytes || Interlocked.Increment(ref _turnedAway) % AdmitOneInWhenFull == 0;

    private long TrimmedBytes => _maxBytes / 16 * 15;

    private void Remove(string contentId, CachedPage page)
    {
        if (_pages.TryRemove(new KeyValuePair<string, CachedPage>(contentId, page)))
        {
            Interlocked.Add(ref _bytes, -CostOf(contentId, page));
        }
    }

    // Over budget: drop entries in the dictionary's (hash, so effectively random) order down to 15/16 of it.
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (contentId, page) in _pages)
            {
                if (Interlocked.Read(ref _bytes) <= TrimmedBytes)
                {
                    break;
                }

                Remove(contentId, page);
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }
}
