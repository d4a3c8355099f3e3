using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

// Same routes, JSON shapes and status codes as the API, kept in memory. Seeded at start like the API's database
// (SEED_STORIES x SEED_COMMENTS) so both serve identical lists.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));

var app = builder.Build();
var stories = new ConcurrentDictionary<string, List<Comment>>();
long nextId = 0;

var seedStories = int.Parse(Environment.GetEnvironmentVariable("SEED_STORIES") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
var seedComments = int.Parse(Environment.GetEnvironmentVariable("SEED_COMMENTS") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
for (var s = 1; s <= seedStories; s++)
{
    var list = stories.GetOrAdd(s.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => []);
    for (var c = 0; c < seedComments; c++)
    {
        list.Add(new Comment(++nextId, $"reader{c}@example.com", $"seeded comment {c} on story {s}", DateTimeOffset.UtcNow));
    }
}

app.MapGet("/", () => TypedResults.Ok(new StatusMessage("UP", "baseline")));
app.MapPost("/api/comment/new", (NewComment body) =>
{
    var contentId = body.ContentId.ToString();
    var comment = new Comment(Interlocked.Increment(ref nextId), body.Email, body.Comment, DateTimeOffset.UtcNow);
    var list = stories.GetOrAdd(contentId, _ => []);
    lock (list)
    {
        list.Add(comment);
    }

    return TypedResults.Ok(new Created("SUCCESS", $"comment created and associated with content_id {contentId}", contentId, comment));
});
app.MapGet("/api/comment/list/{content_id}", IResult (string content_id) =>
{
    if (!stories.TryGetValue(content_id, out var list))
    {
        return TypedResults.NotFound(new StatusMessage("NOT-FOUND", $"content_id {content_id} not found"));
    }

    Comment[] page;
    lock (list)
    {
        page = [.. list.Take(100)];
    }

    return TypedResults.Ok(page);
});

app.Run();

internal sealed record NewComment(string Email, string Comment, [property: JsonPropertyName("content_id")] System.Text.Json.JsonElement ContentId);

internal sealed record Comment(long Id, string Email, [property: JsonPropertyName("comment")] string Text, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

internal sealed record Created(string Status, string Message, [property: JsonPropertyName("content_id")] string ContentId, Comment Comment);

internal sealed record StatusMessage(string Status, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NewComment))]
[JsonSerializable(typeof(Created))]
[JsonSerializable(typeof(Comment[]))]
[JsonSerializable(typeof(StatusMessage))]
internal sealed partial class BaselineJson : JsonSerializerContext;
