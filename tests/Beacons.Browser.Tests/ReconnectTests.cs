using System.Text.Json.Nodes;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>The page through a gateway crash and restart on the same record: it says it is reconnecting, then misses nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_gateway_restart_the_page_resumes_and_shows_every_event_it_missed()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await OpenWithRuizInZone1Async(drill);
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();

        drill.Gateway.Kill();
        await Expect(page.Locator("#banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#banner")).ToContainTextAsync("Reconnecting");

        // Keep the page away from the gateway until the restarted gateway has recorded more events: they
        // happen while the page is disconnected, and it must catch up on all of them.
        await page.RouteAsync("**/api/**", route => route.AbortAsync());
        drill.Gateway.StartAgain();
        drill.Radio.Badge(101, zone: 2);
        drill.Radio.Tag(502, TriageColour.Yellow, committed: true, changes: 1, zone: 2);
        await drill.Gateway.PostAsync("api/zones/1/status", """{"status":"cold"}""");
        for (int i = 1; i <= 3; i++)
        {
            await drill.Gateway.PostAsync("api/annotations", $$"""{"type":"note","text":"while away {{i}}"}""");
        }

        await WhenAsync(drill.Gateway, r => Officer(r, 101)?["zone"]?.GetValue<int>() == 2 && Casualty(r, 502)?["colour"]?.GetValue<string>() == "yellow");
        await Expect(page.Locator("#banner")).ToBeVisibleAsync();
        await page.UnrouteAllAsync();

        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await Expect(Marker(page, 2, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(page.Locator("#plan g.zone-content[data-zone='1'] [data-badge='101']")).ToHaveCountAsync(0);
        await Expect(Marker(page, 2, "tag", 502)).ToHaveTextAsync("Y");
        await Expect(page.Locator("#plan g.zone-content[data-zone='1'] .zone-status")).ToHaveTextAsync("COLD");
        for (int i = 1; i <= 3; i++)
        {
            await Expect(page.Locator("#timeline")).ToContainTextAsync($"Note: while away {i}");
        }

        // And it is live again.
        drill.Radio.Badge(101, zone: 3);
        await Expect(Marker(page, 3, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        await DashboardTests.AssertPageFoldEqualsGatewayRosterAsync(page, drill.Gateway);

        // Every annotation of the record is on the timeline exactly once.
        int notes = (await drill.Gateway.EventsAsync()).Count(e => (string?)e["kind"] == "annotation");
        await Expect(page.Locator("#timeline li[data-kind='annotation']")).ToHaveCountAsync(notes);
    }

    [Fact]
    public async Task A_gateway_restarted_on_another_record_is_shown_afresh_not_mixed_with_the_old_one()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        drill.Radio.Badge(101, zone: 1);
        await drill.Gateway.PostAsync("api/annotations", """{"type":"note","text":"old record"}""");
        await Expect(Marker(page, 1, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("old record");
        long pageAt = await page.EvaluateAsync<long>("window.beacons.lastEventId");

        drill.Gateway.Kill();
        await page.RouteAsync("**/api/**", route => route.AbortAsync());
        drill.Gateway.StartAgain(newRecord: true);
        // The new record gets further than the page had got: event IDs alone cannot tell the records apart.
        for (int i = 1; (long)(await drill.Gateway.GetAsync("api/status"))["lastEventId"]! <= pageAt + 2; i++)
        {
            await drill.Gateway.PostAsync("api/annotations", $$"""{"type":"note","text":"new record {{i}}"}""");
        }

        await page.UnrouteAllAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("new record 1");
        await Expect(page.Locator("#timeline")).Not.ToContainTextAsync("old record");
        await Expect(page.Locator("#plan [data-badge='101']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
        await DashboardTests.AssertPageFoldEqualsGatewayRosterAsync(page, drill.Gateway);
    }

    [Fact]
    public async Task The_page_takes_entities_from_the_stream_and_reads_the_roster_again_after_events_that_have_none()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await OpenWithRuizInZone1Async(drill);
        drill.Radio.Badge(101, zone: 2);
        await Expect(Marker(page, 2, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        Assert.Equal(1, await page.EvaluateAsync<int>("window.beacons.rosterReads")); // the moves came as entities

        // Events the page misses in one run of the gateway are, to the next run, events it no longer holds the
        // entities of: they reach the page without them.
        drill.Gateway.Kill();
        await page.RouteAsync("**/api/**", route => route.AbortAsync());
        drill.Gateway.StartAgain();
        drill.Radio.Badge(101, zone: 3);
        await drill.Gateway.PostAsync("api/zones/3/status", """{"status":"warm"}""");
        await WhenAsync(drill.Gateway, r => Officer(r, 101)?["zone"]?.GetValue<int>() == 3);
        drill.Gateway.Kill();
        drill.Gateway.StartAgain();
        await page.UnrouteAllAsync();

        await Expect(Marker(page, 3, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(page.Locator("#plan g.zone-content[data-zone='3'] .zone-status")).ToHaveTextAsync("WARM");
        int reads = await page.EvaluateAsync<int>("window.beacons.rosterReads");
        Assert.True(reads >= 2, "the page did not read the roster again");
        await DashboardTests.AssertPageFoldEqualsGatewayRosterAsync(page, drill.Gateway);

        // And entities again from there on.
        drill.Radio.Badge(101, zone: 1);
        await Expect(Marker(page, 1, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        Assert.Equal(reads, await page.EvaluateAsync<int>("window.beacons.rosterReads"));
    }

    /// <summary>The dashboard, once it shows badge 101 (Ruiz) in zone 1.</summary>
    private static async Task<IPage> OpenWithRuizInZone1Async(BrowserDrill drill)
    {
        IPage page = await drill.OpenAsync();
        drill.Radio.Badge(101, zone: 1);
        await Expect(Marker(page, 1, "badge", 101)).ToHaveTextAsync("CT Ruiz");
        return page;
    }

    private static ILocator Marker(IPage page, int zone, string kind, int id) =>
        page.Locator($"#plan g.zone-content[data-zone='{zone}'] [data-{kind}='{id}'] > text");

    private static JsonNode? Officer(JsonObject roster, int badge) =>
        roster["officers"]!.AsArray().FirstOrDefault(o => (int)o!["badge"]! == badge);

    private static JsonNode? Casualty(JsonObject roster, int tag) =>
        roster["casualties"]!.AsArray().FirstOrDefault(c => (int)c!["tag"]! == tag);

    /// <summary>Waits until the gateway's roster satisfies <paramref name="condition"/> (UDP is processed asynchronously).</summary>
    private static async Task WhenAsync(DrillGateway gateway, Func<JsonObject, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition(await gateway.GetAsync("api/roster")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the gateway did not record the drill's datagrams");
            await Task.Delay(50);
        }
    }
}
