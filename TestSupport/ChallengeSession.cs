using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Comments.TestSupport;

/// <summary>The curl session of the original challenge, replayed over HTTP and checked answer by answer.</summary>
public static class ChallengeSession
{
    public static readonly (string Email, string Comment, int ContentId)[] Posts =
    [
        ("alice@example.com", "first post!", 1),
        ("alice@example.com", "ok, now I am gonna say something more useful", 1),
        ("bob@example.com", "I agree", 1),
        ("bob@example.com", "I guess this is a good thing", 2),
        ("charlie@example.com", "Indeed, dear Bob, I believe so as well", 2),
        ("eve@example.com", "Nah, you both are wrong", 2),
    ];

    /// <summary>Posts the six comments, lists stories 1 and 2 (three each, in order) and 3 (404), asserting every answer.</summary>
    public static async Task ReplayAsync(HttpClient client, int contentIdOffset = 0)
    {
        foreach (var (email, comment, contentId) in Posts)
        {
            var id = contentId + contentIdOffset;
            using var response = await client.PostAsJsonAsync("/api/comment/new", new { email, comment, content_id = id });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("SUCCESS", body.RootElement.GetProperty("status").GetString());
            Assert.Equal($"comment created and associated with content_id {id}", body.RootElement.GetProperty("message").GetString());
        }

        foreach (var story in new[] { 1, 2 })
        {
            var id = story + contentIdOffset;
            using var response = await client.GetAsync($"/api/comment/list/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var listed = body.RootElement.EnumerateArray()
                .Select(c => (c.GetProperty("email").GetString(), c.GetProperty("comment").GetString()))
                .ToArray();
            var expected = Posts.Where(p => p.ContentId == story).Select(p => ((string?)p.Email, (string?)p.Comment)).ToArray();
            Assert.Equal(expected, listed);
        }

        var missing = 3 + contentIdOffset;
        using var notFound = await client.GetAsync($"/api/comment/list/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(
            $$"""{"status":"NOT-FOUND","message":"content_id {{missing}} not found"}""",
            await notFound.Content.ReadAsStringAsync());
    }
}
