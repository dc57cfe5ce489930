using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>The dashboard in chromium against a real gateway process, fed by a replayed drill over real UDP.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_replayed_drill_moves_officers_and_casualties_on_the_plan_and_the_tally_follows()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#venue-name")).ToHaveTextAsync("Test school");
        await Expect(page.Locator("#clock")).ToHaveTextAsync("T0 not set");

        drill.Radio.Badge(101, zone: 1);
        drill.Radio.Badge(102, zone: 1);
        drill.Radio.Badge(103, zone: 3);
        ILocator ruizInCorridor = Zone(page, 1).Locator("[data-badge='101'] > text");
        await Expect(ruizInCorridor).ToHaveTextAsync("CT Ruiz");
        await Expect(Zone(page, 1).Locator("[data-badge='102'] > text")).ToHaveTextAsync("RTF Lee");
        await Expect(Zone(page, 3).Locator("[data-badge='103'] > text")).ToHaveTextAsync("MED Diaz");
        await Expect(page.Locator("#tally-inside")).ToHaveTextAsync("2"); // the car park is outside

        // A tag placed on a casualty: untagged, then the medic choosing red, then red confirmed.
        drill.Radio.Tag(501, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
        ILocator casualty = Zone(page, 1).Locator("[data-tag='501']");
        ILocator letter = casualty.Locator("> text");
        await Expect(letter).ToHaveTextAsync("U");
        await Expect(Tally(page, "untagged")).ToHaveTextAsync("U1");
        drill.Radio.Tag(501, TriageColour.Red, committed: false, changes: 0, zone: 1);
        await Expect(casualty).ToHaveAttributeAsync("data-committed", "false");
        await Expect(letter).ToHaveTextAsync("R");
        await Expect(page.Locator("#tally-assessing")).ToHaveTextAsync("1");
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 1);
        await Expect(casualty).ToHaveAttributeAsync("data-committed", "true");
        await Expect(Tally(page, "red")).ToHaveTextAsync("R1");
        await Expect(page.Locator("#tally-assessing")).ToHaveTextAsync("0");
        await Expect(Tally(page, "untagged")).ToHaveTextAsync("U0");

        // The officer moves on; the casualty is carried to the CCP.
        drill.Radio.Badge(101, zone: 2);
        await Expect(Zone(page, 2).Locator("[data-badge='101'] > text")).ToHaveTextAsync("CT Ruiz");
        await Expect(ruizInCorridor).ToHaveCountAsync(0);
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 3);
        await Expect(Zone(page, 3).Locator("[data-tag='501'] > text")).ToHaveTextAsync("R");
        await Expect(page.Locator("#tally-ccp")).ToHaveTextAsync("1");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Casualty 1 → Car park");

        // Upstairs: the floor tab counts the officer there, and shows him once chosen.
        drill.Radio.Badge(104, zone: 4);
        ILocator upper = page.Locator(".floor-tab[data-floor='1']");
        await Expect(upper).ToContainTextAsync("1 off");
        await Expect(page.Locator("[data-badge='104']")).ToHaveCountAsync(0);
        await upper.ClickAsync();
        await Expect(Zone(page, 4).Locator("[data-badge='104'] > text")).ToHaveTextAsync("CMD Okafor");
        await page.Locator(".floor-tab[data-floor='0']").ClickAsync();

        // An emergency: the chip says SOS and an alert is raised.
        drill.Radio.Badge(102, zone: 1, emergency: true);
        await Expect(Zone(page, 1).Locator("[data-badge='102'] > text")).ToHaveTextAsync("SOS RTF Lee");
        await Expect(page.Locator("#alerts .alert-emergency")).ToContainTextAsync("Ofc. B. Lee");

        await AssertPageFoldEqualsGatewayRosterAsync(page, drill.Gateway);
    }

    [Fact]
    public async Task A_controllers_clicks_reach_the_record()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();

        await page.Locator("#start-clock").ClickAsync();
        await page.Locator("#not-ready-dialog button[value='start']").ClickAsync(); // nothing is on yet: start anyway
        await Expect(page.Locator("#clock")).ToHaveTextAsync(new Regex(@"^T\+00:\d\d$"));
        Assert.Contains(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "clock-started");

        // Click the zone on the plan, choose WARM.
        await page.Locator("#plan g.zone[data-zone='1']").ClickAsync();
        await Expect(page.Locator("#zone-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#zone-dialog-title")).ToHaveTextAsync("Set status: East corridor");
        await page.Locator("#zone-dialog button[value='warm']").ClickAsync();
        await Expect(Zone(page, 1).Locator(".zone-status")).ToHaveTextAsync("WARM");
        JsonObject set = Assert.Single(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "zone-status-set");
        Assert.Equal(1, (int)set["data"]!["zone"]!);
        Assert.Equal("warm", (string?)set["data"]!["status"]);
        Assert.Equal("hot", (string?)set["data"]!["previous"]);

        // Annotate.
        await page.Locator("#annotate").ClickAsync();
        await page.Locator("#annotate-type").SelectOptionAsync("rtf-entering");
        await page.Locator("#annotate-text").FillAsync("RTF entering east wing");
        await page.Locator("#annotate-dialog button[value='save']").ClickAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("RTF entering: RTF entering east wing");
        JsonObject note = Assert.Single(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "annotation");
        Assert.Equal("rtf-entering", (string?)note["data"]!["type"]);
        Assert.Equal("RTF entering east wing", (string?)note["data"]!["text"]);

        // An emergency alert, acknowledged: it stays in the list, marked acknowledged.
        drill.Radio.Badge(101, zone: 1, emergency: true);
        ILocator alert = page.Locator("#alerts .alert-emergency");
        await Expect(alert).ToContainTextAsync("NEW");
        await alert.Locator("button.ack").ClickAsync();
        await Expect(alert).ToContainTextAsync("acknowledged");
        await Expect(alert.Locator("button.ack")).ToHaveCountAsync(0);
        List<JsonObject> events = await drill.Gateway.EventsAsync();
        long alertId = (long)events.Single(e => (string?)e["kind"] == "alert-raised")["id"]!;
        JsonObject ack = Assert.Single(events, e => (string?)e["kind"] == "alert-acknowledged");
        Assert.Equal(alertId, (long)ack["data"]!["alert"]!);

        // Stop, after confirming.
        await page.Locator("#stop-clock").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#clock-note")).ToContainTextAsync("stopped");
        Assert.Contains(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "clock-stopped");
    }

    private static ILocator Zone(IPage page, int zone) => page.Locator($"#plan g.zone-content[data-zone='{zone}']");

    private static ILocator Tally(IPage page, string colour) => page.Locator($"#tally-{colour}");

    /// <summary>
    /// The page's roster, kept from the stream's entities, must be exactly the gateway's. Waits (up to 20 s) for a
    /// moment both are at the same event, since the gateway keeps adding presence events.
    /// </summary>
    internal static async Task AssertPageFoldEqualsGatewayRosterAsync(IPage page, DrillGateway gateway)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        for (;;)
        {
            JsonObject api = await gateway.GetAsync("api/roster");
            JsonNode mine = JsonNode.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.beacons.roster())"))!;
            if ((long)mine["lastEventId"]! == (long)api["lastEventId"]!)
            {
                Assert.True(JsonNode.DeepEquals(api, mine), $"the page's roster differs from the gateway's:\n{api.ToJsonString()}\n{mine.ToJsonString()}");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the page stayed at event {mine["lastEventId"]}, the gateway is at {api["lastEventId"]}");
            await page.WaitForTimeoutAsync(100);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "browser";
}
