using System.Net;
using System.Text;
using System.Text.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Comments.Api.Tests.Reliability;

/// <summary>
/// A generated corpus of hostile requests from fixed seeds: malformed and deeply nested JSON, invalid UTF-8, wrong
/// types, huge strings and bodies, control characters, injection strings, odd paths, bad headers and methods.
/// No answer may be a 5xx, nothing rejected may be stored, and accepted text must come back byte for byte.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const int Requests = 1200;

    private static readonly string[] Nasty =
    [
        "'; DROP TABLE comments; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd",
        "%00", "\u202Eevil", "\uFEFF", "𝕳𝖊𝖑𝖑𝖔", "Ω≈ç√∫", "\\u0000", "null", "true", "[]", "{}", "😀😃😄", "a\tb\nc\rd", "\u0085\u2028\u2029",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-hostile-").FullName;

    [Fact]
    public async Task A_thousand_hostile_requests_get_no_5xx_store_nothing_rejected_and_keep_accepted_text_exact()
    {
        var settings = ApiFactory.StoreSettings(null, _directory);
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        settings["Logging:LogLevel:Default"] = "Trace";
        using var logs = new LogCapture();
        // Real Kestrel on loopback rather than the test server: the request line and headers get parsed for real.
        await using var factory = new ApiFactory(settings, services => services.AddLogging(l => l.AddProvider(logs)));
        using var client = new HttpClient { BaseAddress = factory.StartOnKestrel() };
        var random = new Random(20261128);
        var accepted = new Dictionary<string, List<string>>();
        var rejected = new HashSet<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Requests; i++)
        {
            var story = $"hostile-{i}";
            using var request = Generate(random, story, out var comment);
            var isPost = request.Method == HttpMethod.Post && request.RequestUri!.OriginalString == "/api/comment/new";
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"request {i} ({request.Method} {request.RequestUri}) got {status}: {await response.Content.ReadAsStringAsync()}");

            if (isPost)
            {
                if (status == 200)
                {
                    accepted[story] = [.. accepted.GetValueOrDefault(story, []), comment!];
                }
                else
                {
                    rejected.Add(story);
                }
            }
        }

        Assert.True(accepted.Count > 50 && rejected.Count > 300, $"accepted {accepted.Count}, rejected {rejected.Count}: the corpus should exercise both");
        foreach (var story in rejected.Except(accepted.Keys))
        {
            using var list = await client.GetAsync($"/api/comment/list/{story}");
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        foreach (var (story, comments) in accepted)
        {
            using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/comment/list/{story}"));
            Assert.Equal(comments, list.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()));
        }

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("@example.com", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"hostile input: {Requests} requests, statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"))}; {rejected.Count} rejected posts stored nothing, {accepted.Count} accepted stored exactly");
    }

    private static HttpRequestMessage Generate(Random random, string story, out string? comment)
    {
        comment = null;
        switch (random.Next(10))
        {
            case 0: // an odd content_id in the path
                var odd = random.Next(4) switch
                {
                    0 => Uri.EscapeDataString(Nasty[random.Next(Nasty.Length)]),
                    1 => new string('9', random.Next(60, 5000)),
                    2 => "%FF%FE%00",
                    _ => "a%2Fb",
                };
                return new HttpRequestMessage(HttpMethod.Get, $"/api/comment/list/{odd}?limit={RandomToken(random)}&cursor={RandomToken(random)}");
            case 1: // a method the route does not have
                var methods = new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("PROPFIND"), HttpMethod.Options };
                return new HttpRequestMessage(methods[random.Next(methods.Length)], random.Next(2) == 0 ? "/api/comment/new" : $"/api/comment/list/{story}");
            case 2: // bytes that are not UTF-8 or not JSON
                var bytes = new byte[random.Next(1, 2048)];
                random.NextBytes(bytes);
                return Post(new ByteArrayContent(bytes), random.Next(3) == 0 ? "text/plain" : "application/json");
            case 3: // deep nesting
                var depth = random.Next(33, 20_000);
                return Post(new StringContent($$"""{"email":"a@example.com","comment":"x","content_id":"{{story}}","n":{{new string('[', depth)}}{{new string(']', depth)}}}"""), "application/json");
            case 4: // huge strings and bodies
                var size = random.Next(2) == 0 ? random.Next(4_001, 20_000) : random.Next(65_537, 300_000);
                return Post(new StringContent(JsonSerializer.Serialize(new { email = "a@example.com", comment = new string('x', size), content_id = story })), "application/json");
            case 5: // wrong types
                object[] values = [42, -1, 1.5, true, new[] { 1 }, new { a = 1 }, "", new string(' ', 10)];
                var body = new Dictionary<string, object?>
                {
                    ["email"] = random.Next(3) == 0 ? values[random.Next(values.Length)] : "a@example.com",
                    ["comment"] = random.Next(3) == 0 ? values[random.Next(values.Length)] : "hello",
                    // Only invalid ids here, so an accepted comment is always under this request's story.
                    ["content_id"] = random.Next(2) == 0 ? values[1..][random.Next(values.Length - 1)] : story,
                };
                comment = body["comment"] as string;
                return Post(new StringContent(JsonSerializer.Serialize(body)), "application/json");
            case 6: // control characters
                var control = new string((char)random.Next(0, 32), 1);
                comment = $"x{control}y";
                return Post(new StringContent(JsonSerializer.Serialize(new { email = "a@example.com", comment = $"x{control}y", content_id = story })), "application/json");
            case 7: // bad headers
                var request = Post(new StringContent($$"""{"email":"a@example.com","comment":"h","content_id":"{{story}}"}"""), random.Next(2) == 0 ? "application/json; charset=latin1" : "application/xml");
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", "not-an-ip, ::::");
                return request;
            default: // valid structure, hostile text that must be stored exactly
                comment = Nasty[random.Next(Nasty.Length)] + Nasty[random.Next(Nasty.Length)];
                if (comment.Trim().Length == 0 || comment.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
                {
                    comment = "<b>" + Nasty[0] + "</b>";
                }

                return Post(new StringContent(JsonSerializer.Serialize(new { email = "reader+tag@example.com", comment, content_id = story }), Encoding.UTF8), "application/json");
        }
    }

    private static string RandomToken(Random random) => random.Next(5) switch
    {
        0 => "-1",
        1 => "99999999999999999999999",
        2 => "abc",
        3 => "%00",
        _ => random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static HttpRequestMessage Post(HttpContent content, string mediaType)
    {
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        return new HttpRequestMessage(HttpMethod.Post, "/api/comment/new") { Content = content };
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
