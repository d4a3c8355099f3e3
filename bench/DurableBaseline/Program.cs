using Npgsql;

// The baseline (its Stories.cs is linked), whose posts are first committed in PostgreSQL (ConnectionStrings__comments,
// with the schema the API created, and the connection settings the API defaults to) and answered after the commit.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));

var app = builder.Build();
var connection = new NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString("comments")) { NoResetOnClose = true, MaxAutoPrepare = 20 };
await using var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
var writer = new InsertBatcher(dataSource);
var stories = Stories.Seeded();

app.MapGet("/", () => TypedResults.Ok(new StatusMessage("UP", "durable baseline")));
app.MapPost("/api/comment/new", async (NewComment body) =>
{
    var contentId = body.ContentId.ToString();
    var comment = await writer.AddAsync(contentId, body.Email, body.Comment);
    stories.Add(contentId, comment);
    return TypedResults.Ok(new Created("SUCCESS", $"comment created and associated with content_id {contentId}", contentId, comment));
});
app.MapGet("/api/comment/list/{content_id}", (string content_id) => stories.List(content_id));

await app.RunAsync();
