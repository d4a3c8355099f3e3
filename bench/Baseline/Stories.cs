using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>The baseline's comments, in memory; also linked into the durable baseline.</summary>
internal sealed class Stories
{
    private readonly ConcurrentDictionary<string, List<Comment>> _stories = new();
    private long _nextId;

    /// <summary>Seeded like the API's database (SEED_STORIES x SEED_COMMENTS), so that both serve identical lists.</summary>
    public static Stories Seeded()
    {
        var stories = new Stories();
        var seedStories = int.Parse(Environment.GetEnvironmentVariable("SEED_STORIES") ?? "0", CultureInfo.InvariantCulture);
        var seedComments = int.Parse(Environment.GetEnvironmentVariable("SEED_COMMENTS") ?? "0", CultureInfo.InvariantCulture);
        for (var s = 1; s <= seedStories; s++)
        {
            for (var c = 0; c < seedComments; c++)
            {
                stories.Add(s.ToString(CultureInfo.InvariantCulture), stories.NewComment($"reader{c}@example.com", $"seeded comment {c} on story {s}"));
            }
        }

        return stories;
    }

    public Comment NewComment(string email, string text) => new(Interlocked.Increment(ref _nextId), email, text, DateTimeOffset.UtcNow);

    public void Add(string contentId, Comment comment)
    {
        var list = _stories.GetOrAdd(contentId, _ => []);
        lock (list)
        {
            list.Add(comment);
        }
    }

    /// <summary>GET /api/comment/list/{content_id}: the story's first 100 comments, or the API's 404.</summary>
    public IResult List(string contentId)
    {
        if (!_stories.TryGetValue(contentId, out var list))
        {
            return TypedResults.NotFound(new StatusMessage("NOT-FOUND", $"content_id {contentId} not found"));
        }

        Comment[] page;
        lock (list)
        {
            page = [.. list.Take(100)];
        }

        return TypedResults.Ok(page);
    }
}

internal sealed record NewComment(string Email, string Comment, [property: JsonPropertyName("content_id")] JsonElement ContentId);

internal sealed record Comment(long Id, string Email, [property: JsonPropertyName("comment")] string Text, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

internal sealed record Created(string Status, string Message, [property: JsonPropertyName("content_id")] string ContentId, Comment Comment);

internal sealed record StatusMessage(string Status, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NewComment))]
[JsonSerializable(typeof(Created))]
[JsonSerializable(typeof(Comment[]))]
[JsonSerializable(typeof(StatusMessage))]
internal sealed partial class BaselineJson : JsonSerializerContext;
