using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>A gateway that requires the controller token: the page asks for it once and uses it for reads, actions and the stream.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TokenTests(ITestOutputHelper output)
{
    private const string Token = "drill-token-7f3a";

    [Fact]
    public async Task The_page_asks_for_the_token_once_and_passes_it_on_every_call()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output, token: Token);
        IPage page = await drill.OpenAsync(waitReady: false);
        await Expect(page.Locator("#token-dialog")).ToBeVisibleAsync();
        await page.Locator("#token-input").FillAsync("not-the-token");
        await page.Locator("#token-dialog button[value='ok']").ClickAsync();
        await Expect(page.Locator("#token-error")).ToBeVisibleAsync();
        await page.Locator("#token-input").FillAsync(Token);
        await page.Locator("#token-dialog button[value='ok']").ClickAsync();
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#venue-name")).ToHaveTextAsync("Test school");

        // The stream carries the token too: a live change arrives.
        drill.Radio.Badge(101, zone: 2);
        await Expect(page.Locator("#plan g.zone-content[data-zone='2'] [data-badge='101'] > text")).ToHaveTextAsync("CT Ruiz");

        // And actions.
        await page.Locator("#start-clock").ClickAsync();
        await page.Locator("#not-ready-dialog button[value='start']").ClickAsync(); // nothing is on yet: start anyway
        await Expect(page.Locator("#clock")).ToContainTextAsync("T+");
        Assert.Contains(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "clock-started");

        // Kept for the tab: a reload does not ask again.
        await page.ReloadAsync();
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#token-dialog")).ToBeHiddenAsync();

        // A link with #token= opens straight in, and the token leaves the address bar.
        IPage linked = await drill.Browser.Context.NewPageAsync();
        await linked.GotoAsync(drill.Gateway.BaseUri + "#token=" + Token);
        await Expect(linked.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(linked.Locator("#token-dialog")).ToBeHiddenAsync();
        Assert.DoesNotContain(Token, linked.Url);
        await Expect(linked.Locator("#plan g.zone-content[data-zone='2'] [data-badge='101'] > text")).ToHaveTextAsync("CT Ruiz");

        JsonObject counters = await drill.Gateway.GetAsync("api/counters");
        Assert.True((long)counters["counters"]!["api-unauthorized"]! >= 1, "the page's first, tokenless request was refused");
    }
}
