using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// Before T0 the dashboard shows which devices are on (GET /api/readiness), filling as they are switched on, and
/// "Start exercise (T0)" asks first, naming what is missing (docs/dashboard.md "Readiness before T0").
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadinessBoardTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_board_fills_as_devices_come_on_and_T0_with_a_receiver_missing_asks_first()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        ILocator count = page.Locator("#readiness-count");
        // The test drill: 3 receivers, 2 anchors, 4 badges, 3 tags; nothing switched on.
        await Expect(count).ToHaveTextAsync("Ready 0 of 12");
        await Expect(Device(page, "receiver-1")).ToContainTextAsync("never heartbeat");

        drill.Radio.Heartbeat(1);
        drill.Radio.Heartbeat(2);
        drill.Radio.Anchor(900, zone: 4);
        foreach (int badge in new[] { 101, 102, 103, 104 })
        {
            drill.Radio.Badge(badge, zone: 1, battery: 77);
        }

        drill.Radio.Tag(501, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
        drill.Radio.Tag(503, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
        // A tag left red from a rehearsal is heard but not ready.
        drill.Radio.Tag(502, TriageColour.Red, committed: true, changes: 1, zone: 1);

        await Expect(count).ToHaveTextAsync("Ready 9 of 12", new() { Timeout = 10_000 });
        await Expect(Device(page, "receiver-1")).ToHaveClassAsync("readiness-device ready");
        await Expect(Device(page, "receiver-1")).ToContainTextAsync("0 dropped");
        await Expect(Device(page, "anchor-900")).ToHaveClassAsync("readiness-device ready");
        await Expect(Device(page, "badge-101")).ToContainTextAsync("battery 77%");
        await Expect(Device(page, "tag-502")).ToHaveClassAsync("readiness-device missing");
        await Expect(Device(page, "tag-502")).ToContainTextAsync("shows red: reset it to untagged");
        await Expect(Device(page, "receiver-3")).ToContainTextAsync("no heartbeat");
        await Expect(page.Locator("#readiness-missing")).ToHaveTextAsync("Missing: 3");

        // T0 with a receiver missing asks first, naming it; cancelling leaves the clock unset.
        await page.ClickAsync("#start-clock");
        await Expect(page.Locator("#not-ready-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("#not-ready-title")).ToHaveTextAsync("3 devices are not ready");
        await Expect(page.Locator("#not-ready-list")).ToContainTextAsync("receiver 3 (R3): no heartbeat");
        await page.ClickAsync("#not-ready-dialog button[value='wait']");
        await Expect(page.Locator("#clock")).ToHaveTextAsync("T0 not set");
        Assert.Null((await drill.Gateway.GetAsync("api/roster"))["clock"]!["startedAtMs"]);

        // Confirmed: the clock starts and the board makes way for the drill.
        await page.ClickAsync("#start-clock");
        await page.ClickAsync("#not-ready-dialog button[value='start']");
        await Expect(page.Locator("#clock")).ToHaveClassAsync("clock running");
        await Expect(page.Locator("#readiness")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task With_every_device_on_T0_starts_without_asking()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        foreach (int receiver in new[] { 1, 2, 3 })
        {
            drill.Radio.Heartbeat(receiver);
        }

        drill.Radio.Anchor(900, zone: 4);
        drill.Radio.Anchor(901, zone: 2);
        foreach (int badge in new[] { 101, 102, 103, 104 })
        {
            drill.Radio.Badge(badge, zone: 1);
        }

        foreach (int tag in new[] { 501, 502, 503 })
        {
            drill.Radio.Tag(tag, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
        }

        await Expect(page.Locator("#readiness-count.all-ready")).ToHaveTextAsync("Ready 12 of 12", new() { Timeout = 10_000 });
        await Expect(page.Locator("#readiness-missing")).ToHaveTextAsync("Every device is on.");
        await page.ClickAsync("#start-clock");
        await Expect(page.Locator("#clock")).ToHaveClassAsync("clock running");
        await Expect(page.Locator("#not-ready-dialog")).ToHaveCountAsync(0);
    }

    private static ILocator Device(IPage page, string id) => page.Locator($"#readiness [data-device='{id}']");
}
