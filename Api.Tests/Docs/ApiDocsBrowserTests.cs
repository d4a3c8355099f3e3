using System.Text.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Comments.Api.Tests.Docs;

/// <summary>The Scalar reference at /apidocs, loaded in a real headless Chromium from the machine.</summary>
public sealed class ApiDocsBrowserTests : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly ApiFactory _factory = new(ApiFactory.StoreSettings(null));

    [SkippableFact]
    public async Task The_docs_page_shows_both_operations_and_sends_both_requests()
    {
        ExternalTool.Require(File.Exists(ChromiumPath) ? null : $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).");
        var baseAddress = _factory.StartOnKestrel();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(60_000); // generous: CI runs it on 2 busy cores
        var failedRequests = new List<string>();
        page.RequestFailed += (_, request) => failedRequests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(baseAddress, "/apidocs").ToString());
        Assert.Equal(200, response?.Status);

        await page.GetByText("Comments", new() { Exact = true }).First.ClickAsync();
        await page.GetByText("Post a comment on a story").First.WaitForAsync();
        await page.GetByText("List the comments of a story").First.WaitForAsync();

        // Send both requests from Scalar's client, prefilled from the OpenAPI examples.
        var created = await SendFromScalarAsync(page, "post /api/comment/new");
        Assert.Equal(200, created.Status);
        var listed = await SendFromScalarAsync(page, "get /api/comment/list/{content_id}");
        Assert.Equal(200, listed.Status);
        Assert.Equal("/api/comment/list/1", new Uri(listed.Url).AbsolutePath);

        using var list = JsonDocument.Parse(listed.Body);
        Assert.Equal("first post!", list.RootElement[0].GetProperty("comment").GetString());
        Assert.DoesNotContain(failedRequests, url => url.StartsWith(baseAddress.ToString(), StringComparison.Ordinal));
    }

    private sealed record SentRequest(int Status, string Url, string Body);

    /// <summary>Opens Scalar's client for the operation (e.g. "post /api/comment/new"), presses Send and returns the API's answer.</summary>
    private static async Task<SentRequest> SendFromScalarAsync(IPage page, string operation)
    {
        var method = operation[..operation.IndexOf(' ', StringComparison.Ordinal)];
        var prefix = operation[(method.Length + 1)..].Split('{')[0];
        await page.Locator("button", new() { HasText = $"({operation})" }).First.ClickAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = $"Send {method} request to" }).First;
        await send.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        var response = await page.RunAndWaitForResponseAsync(
            () => send.ClickAsync(),
            r => new Uri(r.Url).AbsolutePath.StartsWith(prefix, StringComparison.Ordinal) && r.Request.Method != "OPTIONS");
        // Read the body before closing the client: closing it changes the page's URL, after which
        // Chromium may already have dropped the body.
        var sent = new SentRequest(response.Status, response.Url, await response.TextAsync());
        await page.Keyboard.PressAsync("Escape");
        await send.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        return sent;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
