using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

// POST /api/comment/new as the baseline answers it, committed in PostgreSQL (ConnectionStrings__comments, with the
// schema the API created) before the 200, with the connection settings the API defaults to. GET / for start-up.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DurableBaselineJson.Default));

var app = builder.Build();
var connection = new NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString("comments")) { NoResetOnClose = true, MaxAutoPrepare = 20 };
await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
var writer = new InsertBatcher(dataSource);

app.MapGet("/", () => TypedResults.Ok(new StatusMessage("UP", "durable baseline")));
app.MapPost("/api/comment/new", async (NewComment body) =>
{
    var contentId = body.ContentId.ToString();
    var comment = await writer.AddAsync(contentId, body.Email, body.Comment);
    return TypedResults.Ok(new Created("SUCCESS", $"comment created and associated with content_id {contentId}", contentId, comment));
});

await app.RunAsync();

internal sealed record NewComment(string Email, string Comment, [property: JsonPropertyName("content_id")] JsonElement ContentId);

internal sealed record Comment(long Id, string Email, [property: JsonPropertyName("comment")] string Text, [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

internal sealed record Created(string Status, string Message, [property: JsonPropertyName("content_id")] string ContentId, Comment Comment);

internal sealed record StatusMessage(string Status, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NewComment))]
[JsonSerializable(typeof(Created))]
[JsonSerializable(typeof(StatusMessage))]
internal sealed partial class DurableBaselineJson : JsonSerializerContext;
