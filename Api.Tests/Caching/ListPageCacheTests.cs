using System.Text.Json;
using Comments.Api.Comments;
using Comments.Api.Comments.Caching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Comments.Api.Tests.Caching;

/// <summary>The list cache on its own: what it keeps, what drops a page, and that a racing invalidation always wins.</summary>
public sealed class ListPageCacheTests
{
    private readonly FakeTimeProvider _time = new();

    private ListPageCache Create(long bytes = 1 << 20, TimeSpan? maxAge = null, bool active = true)
    {
        var json = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        var cache = new ListPageCache(
            Options.Create(new CommentsOptions { ListCacheBytes = bytes, ListCacheMaxAge = maxAge ?? TimeSpan.FromMinutes(5) }),
            Options.Create(json),
            _time);
        if (active)
        {
            cache.Activate();
        }

        return cache;
    }

    private static CommentView[] Page(long id, string text = "hello") => [new CommentView(id, "a@example.com", text, DateTimeOffset.UnixEpoch)];

    [Fact]
    public void A_stored_page_is_served_as_the_json_of_the_api()
    {
        var cache = Create();
        var stored = cache.Store("story", cache.VersionOf("story"), Page(7), more: true);

        Assert.True(cache.TryGet("story", out var hit));
        Assert.Same(stored, hit);
        Assert.Equal("""[{"id":7,"email":"a@example.com","comment":"hello","created_at":"1970-01-01T00:00:00+00:00"}]""", System.Text.Encoding.UTF8.GetString(hit.Json));
        Assert.Equal(7, hit.MoreAfterId);
        Assert.Equal(1, hit.Count);
    }

    [Fact]
    public void An_inactive_cache_answers_but_keeps_nothing()
    {
        var cache = Create(active: false);
        var page = cache.Store("story", cache.VersionOf("story"), Page(1), more: false);

        Assert.NotEmpty(page.Json);
        Assert.False(cache.TryGet("story", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_page_read_while_its_story_changed_is_not_kept()
    {
        var cache = Create();
        var version = cache.VersionOf("story");
        cache.Invalidate("story"); // a change committed while the page was being read
        cache.Store("story", version, Page(1), more: false);

        Assert.False(cache.TryGet("story", out _));
    }

    [Fact]
    public void Invalidation_drops_the_story_and_only_that_story()
    {
        var cache = Create();
        cache.Store("a", cache.VersionOf("a"), Page(1), more: false);
        cache.Store("b", cache.VersionOf("b"), Page(2), more: false);

        cache.Invalidate("a");

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
    }

    [Fact]
    public void Deactivating_drops_everything_and_pages_read_before_stay_out_after_reactivation()
    {
        var cache = Create();
        cache.Store("a", cache.VersionOf("a"), Page(1), more: false);
        var readBefore = cache.VersionOf("b");

        cache.Deactivate();
        Assert.False(cache.TryGet("a", out _));
        cache.Activate();
        cache.Store("b", readBefore, Page(2), more: false); // read while notifications were down

        Assert.False(cache.TryGet("b", out _));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void Pages_expire_after_the_maximum_age()
    {
        var cache = Create(maxAge: TimeSpan.FromSeconds(10));
        cache.Store("story", cache.VersionOf("story"), Page(1), more: false);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(cache.TryGet("story", out _));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet("story", out _));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void Memory_stays_within_the_budget()
    {
        var cache = Create(bytes: 64 * 1024);
        for (var i = 0; i < 5_000; i++)
        {
            cache.Store($"s{i}", cache.VersionOf($"s{i}"), Page(i, new string('x', 200)), more: false);
            Assert.True(cache.Bytes <= 64 * 1024, $"{cache.Bytes} bytes after {i + 1} pages");
        }

        Assert.InRange(cache.Count, 100, 200); // ~460 bytes an entry: between 15/16 of the budget and all of it
    }

    [Fact]
    public void A_full_cache_takes_few_new_pages_and_keeps_most_of_what_it_holds()
    {
        var cache = Create(bytes: 64 * 1024);
        var first = 0;
        while (cache.Bytes < 56 * 1024)
        {
            cache.Store($"old{first}", cache.VersionOf($"old{first}"), Page(first, new string('x', 200)), more: false);
            first++;
        }

        for (var i = 0; i < 1_600; i++)
        {
            cache.Store($"new{i}", cache.VersionOf($"new{i}"), Page(i, new string('x', 200)), more: false);
        }

        var newKept = Enumerable.Range(0, 1_600).Count(i => cache.TryGet($"new{i}", out _));
        var oldKept = Enumerable.Range(0, first).Count(i => cache.TryGet($"old{i}", out _));
        Assert.InRange(newKept, 1, 1_600 / 16);
        Assert.True(oldKept >= first / 2, $"{oldKept} of {first} earlier pages kept");
    }

    [Fact]
    public void A_budget_of_zero_turns_the_cache_off()
    {
        var cache = Create(bytes: 0);
        cache.Store("story", cache.VersionOf("story"), Page(1), more: false);

        Assert.False(cache.IsActive);
        Assert.False(cache.TryGet("story", out _));
    }

    [Fact]
    public void Under_racing_reads_and_changes_the_page_left_is_never_older_than_the_last_change()
    {
        var cache = Create();
        long database = 0; // the story's "content": the number of changes committed so far
        const int rounds = 5_000;
        var stale = 0;
        using var start = new Barrier(2);

        // Each round, a read and a change race; once both are done, a kept page must show the change.
        var reader = new Thread(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                start.SignalAndWait();
                var version = cache.VersionOf("story");
                var read = Interlocked.Read(ref database);
                Thread.SpinWait(Random.Shared.Next(200)); // the round trip
                cache.Store("story", version, Page(read), more: false);
                start.SignalAndWait();
                if (cache.TryGet("story", out var page) && JsonDocument.Parse(page.Json).RootElement[0].GetProperty("id").GetInt64() != Interlocked.Read(ref database))
                {
                    stale++;
                }

                cache.Invalidate("story");
            }
        });
        var writer = new Thread(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                start.SignalAndWait();
                Thread.SpinWait(Random.Shared.Next(200));
                Interlocked.Increment(ref database); // commit...
                cache.Invalidate("story");           // ...then its notification
                start.SignalAndWait();
            }
        });
        reader.Start();
        writer.Start();
        reader.Join();
        writer.Join();

        Assert.Equal(0, stale);
    }
}
