using System.Text.Json;
using Comments.Api.Tests.Infrastructure;

namespace Comments.Api.Tests.Docs;

/// <summary>The OpenAPI document describes both endpoints with schemas and examples.</summary>
public sealed class OpenApiDocumentTests : IAsyncDisposable
{
    private readonly ApiFactory _factory = new(ApiFactory.StoreSettings(null));

    [Fact]
    public async Task Both_endpoints_have_schemas_and_examples()
    {
        using var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var create = paths.GetProperty("/api/comment/new").GetProperty("post");
        Assert.Equal("CreateComment", create.GetProperty("operationId").GetString());
        var requestBody = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.True(requestBody.GetProperty("examples").EnumerateObject().Count() >= 2);
        foreach (var status in new[] { "200", "400", "413", "415", "429", "503" })
        {
            Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), $"POST lacks response {status}");
        }

        Assert.True(create.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("examples", out _));

        var list = paths.GetProperty("/api/comment/list/{content_id}").GetProperty("get");
        Assert.Equal("ListComments", list.GetProperty("operationId").GetString());
        Assert.Equal(["content_id", "limit", "cursor"], list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        foreach (var status in new[] { "200", "400", "404", "503" })
        {
            Assert.True(list.GetProperty("responses").TryGetProperty(status, out _), $"GET lacks response {status}");
        }

        Assert.True(list.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/json").TryGetProperty("examples", out _));

        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("NewCommentRequest");
        var contentId = schema.GetProperty("properties").GetProperty("content_id");
        Assert.Equal(2, contentId.GetProperty("oneOf").GetArrayLength());
        Assert.Equal(254, schema.GetProperty("properties").GetProperty("email").GetProperty("maxLength").GetInt32());
        Assert.Equal(4000, schema.GetProperty("properties").GetProperty("comment").GetProperty("maxLength").GetInt32());
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
