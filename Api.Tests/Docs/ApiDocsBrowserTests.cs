using System.Text.Json;
using Comments.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
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
        var baseAddress = StartKestrel();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);
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

        using var list = JsonDocument.Parse(await listed.TextAsync());
        Assert.Equal("first post!", list.RootElement[0].GetProperty("comment").GetString());
        Assert.DoesNotContain(failedRequests, url => url.StartsWith(baseAddress.ToString(), StringComparison.Ordinal));
    }

    private static async Task<IResponse> SendFromScalarAsync(IPage page, string operation)
    {
        await page.Locator("button", new() { HasText = $"({operation})" }).First.ClickAsync();
        var path = operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var prefix = path.Split('{')[0];
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Control+Enter"),
            r => new Uri(r.Url).AbsolutePath.StartsWith(prefix, StringComparison.Ordinal) && r.Request.Method != "OPTIONS");
        await page.Keyboard.PressAsync("Escape");
        return response;
    }

    private Uri StartKestrel()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
