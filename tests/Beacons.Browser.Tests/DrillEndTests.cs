using System.Text.Json.Nodes;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// After the clock stops and every device falls silent, the plan shows where each person was last placed, dimmed,
/// nobody goes stale, no receiver is an alarm and the tally keeps the CCP's casualties (issue 16: "At CCP 0 of 15");
/// an emergency still raised at the stop shows as "SOS at the stop", not as a live alarm, and no alert offers Acknowledge.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DrillEndTests(ITestOutputHelper output)
{
    // Past the officers' stale time on the page (15 s), the gateway's zone lapse (20 s) and receiver silence (30 s).
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(36);

    [Fact]
    public async Task After_the_stop_and_a_long_silence_the_plan_is_dimmed_in_place_and_the_ccp_keeps_its_casualties()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
        drill.Radio.Heartbeat(1);
        drill.Radio.Heartbeat(2);
        drill.Radio.Badge(101, zone: 2);
        drill.Radio.Badge(102, zone: 1, emergency: true);
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 3);
        drill.Radio.Tag(502, TriageColour.Green, committed: true, changes: 1, zone: 3);
        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#tally-ccp")).ToHaveTextAsync("2");
        await Expect(page.Locator("#alerts .alert-emergency")).ToContainTextAsync("NEW");

        JsonObject stop = await drill.Gateway.PostAsync("api/clock/stop");
        long stoppedAt = (long)stop["at"]!;
        await Task.Delay(Silence);

        await Expect(page.Locator("#plan.stopped")).ToHaveCountAsync(1);
        await Expect(page.Locator("#drill-over")).ToContainTextAsync("where each person was last placed");
        await Expect(page.Locator("#plan g.zone-content[data-zone='2'] [data-badge='101'] > text")).ToHaveTextAsync("CT Ruiz");
        await Expect(page.Locator("#plan g.zone-content[data-zone='1'] [data-badge='102']")).ToHaveCountAsync(1);
        // The emergency still raised at the stop was real: said so, without the live alarm's look.
        await Expect(page.Locator("#plan [data-badge='102'] > text")).ToHaveTextAsync("SOS at the stop RTF Lee");
        await Expect(page.Locator("#plan .officer.sos-at-stop[data-badge='102']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#plan .officer.emergency, #floors .floor-tab.sos")).ToHaveCountAsync(0);
        await Expect(page.Locator("#plan g.zone-content[data-zone='3'] [data-tag]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#tally-ccp")).ToHaveTextAsync("2");
        await Expect(page.Locator("#tally-total")).ToHaveTextAsync("2");
        await Expect(page.Locator("#plan .stale, #unplaced .stale, #plan .receiver-silent")).ToHaveCountAsync(0);
        await Expect(page.Locator("#receivers .rx.silent")).ToHaveCountAsync(0);
        await Expect(page.Locator("#alerts")).Not.ToContainTextAsync("NEW");
        await Expect(page.Locator("#alerts .alert-emergency")).ToContainTextAsync("cleared");
        await Expect(page.Locator("#alerts button.ack")).ToHaveCountAsync(0); // the stop cleared them: nothing left to acknowledge
        string opacity = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#plan .zone-contents')).opacity");
        Assert.Equal("0.5", opacity);

        List<JsonObject> events = await drill.Gateway.EventsAsync();
        Assert.DoesNotContain(events, e => (string?)e["kind"] == "alert-raised" && (long)e["at"]! > stoppedAt);
        Assert.Empty((await drill.Gateway.GetAsync("api/alerts?active=true"))["alerts"]!.AsArray());

        await Screenshots.AtThreeSizesAsync(page, "drill-end", output);
    }
}
