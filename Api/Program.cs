using Comments.Api;
using Comments.Api.Comments;
using Comments.Api.Comments.Storage;
using Comments.Api.Web;
using Scalar.AspNetCore;

// The slim builder starts faster (no HTTPS, static web assets or regex route constraints, none of which the API uses).
var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults(CommentsTelemetry.Name);
builder.AddCommentStorage();
builder.AddCommentsApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference("/apidocs", scalar => scalar
    .WithTitle("Comments API")
    .DisableDefaultFonts() // no calls to fonts.scalar.com: the page works offline
    .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl));
app.MapStatusEndpoint();
app.MapCommentEndpoints();

app.Run();

/// <summary>Entry point, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
