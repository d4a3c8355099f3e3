// Same routes, JSON shapes and status codes as the API, kept in memory.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));

var app = builder.Build();
var stories = Stories.Seeded();

app.MapGet("/", () => TypedResults.Ok(new StatusMessage("UP", "baseline")));
app.MapPost("/api/comment/new", (NewComment body) =>
{
    var contentId = body.ContentId.ToString();
    var comment = stories.NewComment(body.Email, body.Comment);
    stories.Add(contentId, comment);
    return TypedResults.Ok(new Created("SUCCESS", $"comment created and associated with content_id {contentId}", contentId, comment));
});
app.MapGet("/api/comment/list/{content_id}", (string content_id) => stories.List(content_id));

app.Run();
