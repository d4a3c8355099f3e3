using System.Text.Json;

namespace Comments.Api.Tests.Infrastructure;

/// <summary>Reads a story's comments through every page, following the RFC 8288 Link headers.</summary>
public static class CommentPages
{
    public static async Task<List<(long Id, string Comment)>> ReadAllAsync(HttpClient client, string url)
    {
        var all = new List<(long, string)>();
        string? next = url;
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            all.AddRange(page.RootElement.EnumerateArray().Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("comment").GetString()!)));
            next = NextLink(response);
        }

        return all;
    }

    /// <summary>The target of the <c>rel="next"</c> link, or null on the last page.</summary>
    public static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Assert.Single(values);
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
