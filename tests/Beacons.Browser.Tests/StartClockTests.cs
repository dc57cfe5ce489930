using System.Text.Json.Nodes;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>"Start exercise (T0)" with a device not ready asks first, naming it (issue 18); the record keeps it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StartClockTests(ITestOutputHelper output)
{
    private const string Missing = "receiver 3 (R3): no heartbeat";

    [Fact]
    public async Task T0_with_a_receiver_missing_asks_naming_it_and_starts_only_after_yes()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        await SwitchOnAllButReceiver3Async(drill);

        await page.Locator("#start-clock").ClickAsync();
        ILocator dialog = page.Locator("#not-ready-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("1 device is not ready");
        await Expect(dialog.Locator("li")).ToHaveTextAsync([Missing]);

        // Wait: nothing is sent, the clock stays stopped.
        await dialog.Locator("button[value='wait']").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Null((await drill.Gateway.GetAsync("api/roster"))["clock"]!["startedAtMs"]);
        Assert.DoesNotContain(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "clock-started");

        // Start anyway: T0, and the record says what was missing.
        await page.Locator("#start-clock").ClickAsync();
        await dialog.Locator("button[value='start']").ClickAsync();
        await Expect(page.Locator("#clock")).ToContainTextAsync("T+");
        JsonObject started = Assert.Single(await drill.Gateway.EventsAsync(), e => (string?)e["kind"] == "clock-started");
        Assert.Equal([Missing], started["data"]!["notReady"]!.AsArray().Select(n => (string?)n));
    }

    /// <summary>Every device of the test drill on but receiver 3; returns once the readiness board says so.</summary>
    private static async Task SwitchOnAllButReceiver3Async(BrowserDrill drill)
    {
        JsonArray missing = [];
        for (int i = 0; i < 120; i++)
        {
            drill.Radio.Heartbeat(1);
            drill.Radio.Heartbeat(2);
            foreach (int badge in new[] { 101, 102, 103, 104 })
            {
                drill.Radio.Badge(badge, zone: 1);
            }

            foreach (int tag in new[] { 501, 502, 503 })
            {
                drill.Radio.Tag(tag, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
            }

            drill.Radio.Anchor(900, zone: 4);
            drill.Radio.Anchor(901, zone: 2);
            missing = (await drill.Gateway.GetAsync("api/readiness"))["missing"]!.AsArray();
            if (missing.Count == 1 && (string?)missing[0] == Missing)
            {
                return;
            }

            // Presence (last heard, battery) is folded in every few seconds.
            await Task.Delay(500);
        }

        Assert.Fail($"the readiness board never had only {Missing} missing: {missing.ToJsonString()}");
    }
}
