using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Comments.Api.Tests.Infrastructure;

namespace Comments.Api.Tests.Comments;

/// <summary>Every route, status code, message and rule of the API, run against each store (see the derived classes).</summary>
public abstract class CommentsApiTests : IAsyncLifetime
{
    private readonly List<ApiFactory> _factories = [];

    /// <summary>Configuration that selects the store under test; may skip (or fail under CI) when its server is missing.</summary>
    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    private async Task<HttpClient> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        var settings = await StoreSettingsAsync();
        settings["RateLimiting:Writes:PermitLimit"] = "1000000";
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var factory = new ApiFactory(settings);
        _factories.Add(factory);
        return factory.CreateClient();
    }

    [SkippableFact]
    public async Task The_original_challenge_session_behaves_as_before()
    {
        var client = await StartAsync();
        await ChallengeSession.ReplayAsync(client);
    }

    [SkippableFact]
    public async Task Root_answers_a_status_document()
    {
        var client = await StartAsync();
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UP", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(StoreKind, body.RootElement.GetProperty("storage").GetString());
    }

    protected abstract string StoreKind { get; }

    [SkippableFact]
    public async Task A_created_comment_is_returned_with_its_id_and_creation_time()
    {
        var client = await StartAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var response = await PostJsonAsync(client, """{"email":"dana@example.com","comment":"Ünïcödé ✓ 🎉\nline two","content_id":"story-2026.11_a"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var comment = created.RootElement.GetProperty("comment");
        Assert.Equal("story-2026.11_a", created.RootElement.GetProperty("content_id").GetString());
        Assert.True(comment.GetProperty("id").GetInt64() > 0);
        Assert.InRange(comment.GetProperty("created_at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddMinutes(1));

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/comment/list/story-2026.11_a"));
        var listed = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("dana@example.com", listed.GetProperty("email").GetString());
        Assert.Equal("Ünïcödé ✓ 🎉\nline two", listed.GetProperty("comment").GetString());
        Assert.Equal(comment.GetProperty("id").GetInt64(), listed.GetProperty("id").GetInt64());
    }

    [SkippableFact]
    public async Task A_numeric_content_id_and_its_digits_as_a_string_name_the_same_story()
    {
        var client = await StartAsync();
        (await PostJsonAsync(client, """{"email":"a@example.com","comment":"as number","content_id":70}""")).EnsureSuccessStatusCode();
        (await PostJsonAsync(client, """{"email":"a@example.com","comment":"as string","content_id":"70"}""")).EnsureSuccessStatusCode();

        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/comment/list/70"));
        Assert.Equal(["as number", "as string"], list.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()));
    }

    public static TheoryData<string, string> InvalidBodies()
    {
        const string ok = "validation-probe";
        string Body(string email, string comment, string contentId) => $$"""{"email":{{email}},"comment":{{comment}},"content_id":{{contentId}}}""";
        var validEmail = "\"reader@example.com\"";
        var validComment = "\"hello\"";
        var validId = $"\"{ok}\"";
        return new TheoryData<string, string>
        {
            { $$"""{"comment":{{validComment}},"content_id":{{validId}}}""", "email" },
            { Body("\"not-an-email\"", validComment, validId), "email" },
            { Body("\"reader@localhost\"", validComment, validId), "email" },
            { Body("\"a..b@example.com\"", validComment, validId), "email" },
            { Body("\"a b@example.com\"", validComment, validId), "email" },
            { Body($"\"{new string('a', 64)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', 62)}\"", validComment, validId), "email" },
            { Body("42", validComment, validId), "email" },
            { Body("null", validComment, validId), "email" },
            { $$"""{"email":"reader@example.com","content_id":{{validId}}}""", "comment" },
            { Body(validEmail, "\"\"", validId), "comment" },
            { Body(validEmail, "\"  \\t\\n \"", validId), "comment" },
            { Body(validEmail, $"\"{new string('x', 4001)}\"", validId), "comment" },
            { Body(validEmail, "\"nul \\u0000 inside\"", validId), "comment" },
            { Body(validEmail, "\"bell \\u0007\"", validId), "comment" },
            { Body(validEmail, "\"lone \\ud800 surrogate\"", validId), "comment" },
            { Body(validEmail, "[\"array\"]", validId), "comment" },
            { """{"email":"reader@example.com","comment":"hello"}""", "content_id" },
            { Body(validEmail, validComment, "-1"), "content_id" },
            { Body(validEmail, validComment, "1.5"), "content_id" },
            { Body(validEmail, validComment, "1e3"), "content_id" },
            { Body(validEmail, validComment, new string('9', 65)), "content_id" },
            { Body(validEmail, validComment, "\"\""), "content_id" },
            { Body(validEmail, validComment, "\"a b\""), "content_id" },
            { Body(validEmail, validComment, "\"../etc/passwd\""), "content_id" },
            { Body(validEmail, validComment, "\"ü\""), "content_id" },
            { Body(validEmail, validComment, $"\"{new string('k', 65)}\""), "content_id" },
            { Body(validEmail, validComment, "true"), "content_id" },
            { Body(validEmail, validComment, "null"), "content_id" },
            { Body(validEmail, validComment, "{}"), "content_id" },
            { $$"""{"email":"a@example.com","email":"b@example.com","comment":"hello","content_id":{{validId}}}""", "email" },
            { "[]", "body" },
            { "\"just a string\"", "body" },
        };
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_fields_get_400_problem_details_naming_the_field_and_store_nothing(string json, string field)
    {
        var client = await StartAsync();

        using var response = await PostJsonAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        await AssertNothingStoredAsync(client, "validation-probe");
    }

    [SkippableFact]
    public async Task Values_at_the_limits_are_accepted()
    {
        var client = await StartAsync();
        var email = $"{new string('a', 64)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        Assert.Equal(254, email.Length);
        var comment = string.Concat(Enumerable.Repeat("😀", 4000)); // 4000 characters, 8000 UTF-16 code units
        var contentId = new string('9', 64);

        using var response = await PostJsonAsync(client, JsonSerializer.Serialize(new { email, comment, content_id = contentId }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/comment/list/{contentId}"));
        Assert.Equal(comment, list.RootElement[0].GetProperty("comment").GetString());
    }

    [SkippableTheory]
    [InlineData("{\"email\":")]
    [InlineData("{\"email\":\"a@example.com\",}")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_gets_400_problem_details(string json)
    {
        var client = await StartAsync();

        using var response = await PostJsonAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Malformed JSON", problem.RootElement.GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task Deeply_nested_json_gets_400_not_a_crash()
    {
        var client = await StartAsync();
        var nested = new string('[', 10_000) + new string(']', 10_000);

        using var response = await PostJsonAsync(client, $$"""{"email":"a@example.com","comment":"x","content_id":1,"extra":{{nested}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task Invalid_utf8_gets_400()
    {
        var client = await StartAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"email":"a@example.com","comment":"XX","content_id":"validation-probe"}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // invalid continuation byte

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync("/api/comment/new", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(client, "validation-probe");
    }

    [SkippableTheory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_json_gets_415(string? mediaType)
    {
        var client = await StartAsync();
        using var content = new StringContent("""{"email":"a@example.com","comment":"x","content_id":"validation-probe"}""");
        content.Headers.ContentType = mediaType is null ? null : new MediaTypeHeaderValue(mediaType);

        using var response = await client.PostAsync("/api/comment/new", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStoredAsync(client, "validation-probe");
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KiB_gets_413_with_or_without_content_length(bool sendLength)
    {
        var client = await StartAsync();
        var json = JsonSerializer.Serialize(new { email = "a@example.com", comment = "x", content_id = "validation-probe", padding = new string(' ', 64 * 1024) });
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (sendLength)
        {
            content.Headers.ContentLength = Encoding.UTF8.GetByteCount(json);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/comment/new") { Content = content };
        request.Headers.TransferEncodingChunked = !sendLength;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingStoredAsync(client, "validation-probe");
    }

    [SkippableFact]
    public async Task Lists_are_paged_with_a_limit_and_a_link_to_the_next_page()
    {
        var client = await StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            (await PostJsonAsync(client, $$"""{"email":"p@example.com","comment":"c{{i}}","content_id":"paged"}""")).EnsureSuccessStatusCode();
        }

        var seen = new List<string?>();
        var pages = 0;
        string? next = "/api/comment/list/paged?limit=2";
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            seen.AddRange(page.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()));
            pages++;
            next = CommentPages.NextLink(response);
        }

        Assert.Equal(["c1", "c2", "c3", "c4", "c5"], seen);
        Assert.Equal(3, pages);

        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/comment/list/paged"));
        Assert.Equal(5, all.RootElement.GetArrayLength());

        using var pastTheEnd = await client.GetAsync($"/api/comment/list/paged?cursor={long.MaxValue}");
        Assert.Equal(HttpStatusCode.OK, pastTheEnd.StatusCode);
        Assert.Equal("[]", await pastTheEnd.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task The_default_and_maximum_page_sizes_are_configurable()
    {
        var client = await StartAsync(new() { ["Comments:DefaultPageSize"] = "2", ["Comments:MaxPageSize"] = "3" });
        for (var i = 0; i < 4; i++)
        {
            (await PostJsonAsync(client, """{"email":"p@example.com","comment":"c","content_id":"sized"}""")).EnsureSuccessStatusCode();
        }

        using var defaultPage = await client.GetAsync("/api/comment/list/sized");
        using var defaultBody = JsonDocument.Parse(await defaultPage.Content.ReadAsStringAsync());
        Assert.Equal(2, defaultBody.RootElement.GetArrayLength());
        Assert.NotNull(CommentPages.NextLink(defaultPage));

        using var tooLarge = await client.GetAsync("/api/comment/list/sized?limit=4");
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/api/comment/list/1?limit=0", "limit")]
    [InlineData("/api/comment/list/1?limit=1001", "limit")]
    [InlineData("/api/comment/list/1?limit=abc", "limit")]
    [InlineData("/api/comment/list/1?limit=-5", "limit")]
    [InlineData("/api/comment/list/1?cursor=abc", "cursor")]
    [InlineData("/api/comment/list/1?cursor=0", "cursor")]
    [InlineData("/api/comment/list/a%20b", "content_id")]
    [InlineData("/api/comment/list/%C3%BC", "content_id")]
    [InlineData("/api/comment/list/%27%20OR%201%3D1--", "content_id")]
    public async Task Invalid_list_requests_get_400_problem_details(string url, string field)
    {
        var client = await StartAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [SkippableFact]
    public async Task Unknown_routes_and_methods_get_problem_details()
    {
        var client = await StartAsync();

        using var unknown = await client.GetAsync("/api/comment/nope");
        using var wrongMethod = await client.GetAsync("/api/comment/new");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Every_response_says_nosniff()
    {
        var client = await StartAsync();

        using var ok = await client.GetAsync("/");
        using var notFound = await client.GetAsync("/api/comment/list/none-here");
        using var invalid = await PostJsonAsync(client, "{}");

        foreach (var response in new[] { ok, notFound, invalid })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [SkippableFact]
    public async Task Writes_over_the_rate_limit_get_429_with_retry_after_and_are_not_stored()
    {
        var client = await StartAsync(new() { ["RateLimiting:Writes:PermitLimit"] = "3", ["RateLimiting:Writes:Window"] = "00:10:00" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostJsonAsync(client, $$"""{"email":"r@example.com","comment":"n{{i}}","content_id":"limited"}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a positive Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/comment/list/limited"));
        Assert.Equal(3, list.RootElement.GetArrayLength());

        using var read = await client.GetAsync("/api/comment/list/limited");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // reads are not limited
    }

    [SkippableFact]
    public async Task Two_thousand_concurrent_posts_are_all_stored_once_in_posting_order()
    {
        // This test is about exactly-once storage and order under a burst, not latency (the benchmark measures that):
        // a generous database bound keeps a busy 2-core CI machine from turning slow answers into 503s.
        var client = await StartAsync(new() { ["Database:Timeout"] = "00:01:00", ["Database:AttemptTimeout"] = "00:00:30" });
        const int total = 2000;
        string[] stories = ["load-a", "load-b", "load-c", "load-d", "load-e"];

        var responses = await Task.WhenAll(Enumerable.Range(0, total).Select(async i =>
        {
            using var response = await PostJsonAsync(client, $$"""{"email":"load@example.com","comment":"n{{i}}","content_id":"{{stories[i % stories.Length]}}"}""");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, Id: response.IsSuccessStatusCode ? body.RootElement.GetProperty("comment").GetProperty("id").GetInt64() : 0);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = 0;
        foreach (var story in stories)
        {
            var comments = await CommentPages.ReadAllAsync(client, $"/api/comment/list/{story}?limit=1000");
            var ids = comments.Select(c => c.Id).ToArray();
            Assert.Equal(ids.Order(), ids); // posting order = id order
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.Equal(
                Enumerable.Range(0, total).Where(i => stories[i % stories.Length] == story).Select(i => $"n{i}").Order(),
                comments.Select(c => c.Comment).Order());
            stored += ids.Length;
        }

        Assert.Equal(total, stored);
        Assert.Equal(total, responses.Select(r => r.Id).Distinct().Count());
    }

    [SkippableFact]
    public async Task A_cached_first_page_is_the_same_answer_as_one_read_from_the_database()
    {
        var client = await StartAsync(new() { ["Comments:DefaultPageSize"] = "2" });
        for (var i = 0; i < 3; i++)
        {
            (await PostJsonAsync(client, $$"""{"email":"c@example.com","comment":"cached {{i}}","content_id":"cached"}""")).EnsureSuccessStatusCode();
        }

        // The first request reads the database and fills the cache, the second is a hit; an explicit limit bypasses it.
        var answers = new List<(string? Type, string? Link, string Body)>();
        foreach (var url in new[] { "/api/comment/list/cached", "/api/comment/list/cached", "/api/comment/list/cached?limit=2" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((response.Content.Headers.ContentType?.ToString(), CommentPages.NextLink(response), await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal("application/json; charset=utf-8", answers[0].Type);
        Assert.Contains("cached 1", answers[0].Body, StringComparison.Ordinal);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
    }

    [SkippableFact]
    public async Task Concurrent_lists_each_get_their_own_story_page_and_cursor()
    {
        // Concurrent reads share database round trips (PostgreSQL); every caller must still get exactly its page.
        var client = await StartAsync();
        var ids = new Dictionary<string, List<(long Id, string Text)>>();
        for (var s = 0; s < 12; s++)
        {
            var story = $"many-{s}";
            ids[story] = [];
            for (var c = 0; c < 4; c++)
            {
                using var response = await PostJsonAsync(client, $$"""{"email":"m@example.com","comment":"{{story}}/{{c}}","content_id":"{{story}}"}""");
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                ids[story].Add((body.RootElement.GetProperty("comment").GetProperty("id").GetInt64(), $"{story}/{c}"));
            }
        }

        var requests = Enumerable.Range(0, 600).Select(i => (Story: $"many-{i % 13}", Limit: 1 + (i % 4), After: i % 3)).ToArray();
        var results = await Task.WhenAll(requests.Select(async r =>
        {
            var cursor = r.After == 0 || r.Story == "many-12" ? "" : $"&cursor={ids[r.Story][r.After - 1].Id}";
            using var response = await client.GetAsync($"/api/comment/list/{r.Story}?limit={r.Limit}{cursor}");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        for (var i = 0; i < requests.Length; i++)
        {
            var (story, limit, after) = requests[i];
            if (story == "many-12")
            {
                Assert.Equal(HttpStatusCode.NotFound, results[i].StatusCode); // no comments: not found, amid the others
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, results[i].StatusCode);
            using var page = JsonDocument.Parse(results[i].Body);
            Assert.Equal(
                ids[story].Skip(after).Take(limit).Select(c => c.Text),
                page.RootElement.EnumerateArray().Select(c => c.GetProperty("comment").GetString()));
        }
    }

    [SkippableFact]
    public async Task Under_concurrent_load_every_reader_sees_its_own_acknowledged_comment()
    {
        var client = await StartAsync();
        var writers = Enumerable.Range(0, 200).Select(async i =>
        {
            var story = $"own-{i % 20}";
            using var posted = await PostJsonAsync(client, $$"""{"email":"o@example.com","comment":"mine {{i}}","content_id":"{{story}}"}""");
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var comments = await CommentPages.ReadAllAsync(client, $"/api/comment/list/{story}?limit=1000");
            Assert.Contains(comments, c => c.Comment == $"mine {i}");
        });
        var readers = Enumerable.Range(0, 400).Select(async i =>
        {
            using var response = await client.GetAsync($"/api/comment/list/own-{i % 20}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{response.StatusCode}");
        });

        await Task.WhenAll(writers.Concat(readers));
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string json) =>
        client.PostAsync("/api/comment/new", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task AssertNothingStoredAsync(HttpClient client, string contentId)
    {
        using var response = await client.GetAsync($"/api/comment/list/{contentId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SqliteCommentsApiTests : CommentsApiTests
{
    private readonly string _directory = TestDirectories.Create("comments-sqlite-");

    protected override string StoreKind => "sqlite";

    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() =>
        Task.FromResult(ApiFactory.StoreSettings(null, _directory));
}

public sealed class PostgresCommentsApiTests : CommentsApiTests
{
    protected override string StoreKind => "postgresql";

    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync() =>
        ApiFactory.StoreSettings(await SharedPostgres.CreateDatabaseAsync("api"));
}
