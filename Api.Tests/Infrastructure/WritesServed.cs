using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Comments.Api.Tests.Infrastructure;

/// <summary>
/// Posts a comment until the API accepts it. For the moments around a database fault where a test needs only that
/// writes are served (again): the first post on a fresh database also creates the schema, and a database that comes
/// back takes a while to be found. Anything but 503 meanwhile fails at once.
/// </summary>
public static class WritesServed
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    public static async Task PostUntilAcceptedAsync(HttpClient client, object comment)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.PostAsJsonAsync("/api/comment/new", comment);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(watch.Elapsed < Within, $"the API did not accept a post within {Within.TotalSeconds} s");
            await Task.Delay(200);
        }
    }
}
