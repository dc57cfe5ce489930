using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// The after-action review page (review.html) in chromium, over a drill a real gateway process recorded from real
/// UDP datagrams: its key times, and the replay on the floor plan when seeking and when playing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewPageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_review_shows_the_key_times_and_replays_where_everyone_was()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        // The drill, in real time: a few seconds between steps so each lands on its own second since T0, and
        // every stay longer than the review's dwell (10 s, ReviewSettings.GlitchDwellMs): a shorter one is a glitch.
        await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
        await Task.Delay(1500);
        drill.Radio.Badge(101, zone: 1);
        drill.Radio.Badge(102, zone: 1);
        drill.Radio.Tag(501, TriageColour.Untagged, committed: false, changes: 0, zone: 1);
        await WaitForEventAsync(drill.Gateway, e => Is(e, "officer-zone-changed", "badge", 101, 1));
        await Task.Delay(10_500);
        drill.Radio.Badge(101, zone: 2);
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 1);
        await WaitForEventAsync(drill.Gateway, e => Is(e, "officer-zone-changed", "badge", 101, 2));
        await Task.Delay(10_500);
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 3);
        await WaitForEventAsync(drill.Gateway, e => Is(e, "casualty-zone-changed", "tag", 501, 3));
        await Task.Delay(1000);
        await drill.Gateway.PostAsync("api/clock/stop");

        // What the page must show, from the record itself.
        List<JsonObject> events = await drill.Gateway.EventsAsync();
        long t0 = At(events.Single(e => (string?)e["kind"] == "clock-started"));
        long end = At(events.Single(e => (string?)e["kind"] == "clock-stopped"));
        long entered = At(events.First(e => Is(e, "officer-zone-changed", "badge", 101, 1))) - t0;
        long moved = At(events.First(e => Is(e, "officer-zone-changed", "badge", 101, 2))) - t0;
        long atCcp = At(events.First(e => Is(e, "casualty-zone-changed", "tag", 501, 3))) - t0;

        IPage page = await drill.Browser.Context.NewPageAsync();
        await page.GotoAsync(drill.Gateway.BaseUri + "review.html");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#drill-name")).ToContainTextAsync("Spring drill (exercise 42) at Test school");

        // Key times, as T+mm:ss since T0.
        await Expect(KeyTime(page, "First officer entry")).ToHaveTextAsync(new Regex($@"^\d+\. First officer entry {Regex.Escape(Since(entered))}$"));
        await Expect(KeyTime(page, "First casualty at the CCP")).ToHaveTextAsync(new Regex($@"^\d+\. First casualty at the CCP {Regex.Escape(Since(atCcp))}$"));
        await Expect(KeyTime(page, "First casualty tagged")).ToHaveCountAsync(1);

        // Seek to a moment Ruiz was in the East corridor, not yet in the library.
        long between = (entered + moved) / 2000;
        await page.Locator("#seek").FillAsync(between.ToString());
        await Expect(page.Locator("#clock")).ToHaveTextAsync(Since(between * 1000));
        await Expect(Officer(page, 1, 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(Officer(page, 2, 101)).ToHaveCountAsync(0);
        await Expect(Officer(page, 1, 102)).ToHaveTextAsync("RTF Lee");

        // A key time jumps there: the first entry.
        await KeyTime(page, "First officer entry").ClickAsync();
        await Expect(page.Locator("#clock")).ToHaveTextAsync(Since(entered));
        await Expect(Officer(page, 1, 101)).ToHaveTextAsync("CT Ruiz");

        // Play from T0 at 1x: nobody inside yet, then Ruiz in the corridor, then in the library, and the casualty
        // carried to the CCP, until the replay stops at the end of the drill.
        await page.Locator("#seek").FillAsync("0");
        await Expect(page.Locator("#clock")).ToHaveTextAsync("T+00:00");
        await Expect(page.Locator("#replay-plan [data-badge='101']")).ToHaveCountAsync(0);
        await page.Locator("#speed").SelectOptionAsync("1");
        await page.Locator("#play").ClickAsync();
        await Expect(page.Locator("#play")).ToHaveTextAsync("Pause");
        await Expect(Officer(page, 1, 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(Officer(page, 2, 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(page.Locator("#replay-plan g.zone-content[data-zone='3'] [data-tag='501'] > text")).ToHaveTextAsync("R");
        await Expect(page.Locator("#play")).ToHaveTextAsync("Play");
        await Expect(page.Locator("#clock")).ToHaveTextAsync(Since(end - t0));
        await Expect(Officer(page, 2, 101)).ToHaveTextAsync("CT Ruiz");
        await Expect(Officer(page, 1, 101)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_dashboard_links_to_the_review_with_the_token()
    {
        const string token = "review-link-token";
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output, token: token);
        await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
        IPage dashboard = await drill.OpenAsync("token=" + token);

        // The review opens in its own tab, which has its own session storage: the link must carry the token.
        IPage review = await drill.Browser.Context.RunAndWaitForPageAsync(() => dashboard.Locator("#review-link").ClickAsync());
        await Expect(review.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(review.Locator("#drill-name")).ToContainTextAsync("Spring drill");
        await Expect(review.Locator("#token-dialog")).Not.ToBeVisibleAsync();
        Assert.Equal(drill.Gateway.BaseUri + "review.html", review.Url); // the token left the address bar
    }

    [Fact]
    public async Task Static_files_are_revalidated_so_an_upgrade_never_runs_old_modules()
    {
        await using DrillGateway gateway = DrillGateway.Start();

        foreach (string path in new[] { "", "index.html", "review.html", "js/review.js", "js/dashboard.js", "css/review.css" })
        {
            using HttpResponseMessage response = await gateway.Http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            Assert.True(response.Headers.CacheControl?.NoCache == true, $"/{path}: Cache-Control is {response.Headers.CacheControl}");
        }
    }

    private static ILocator KeyTime(IPage page, string label) => page.Locator("#key-times button").Filter(new LocatorFilterOptions { HasText = label });

    private static ILocator Officer(IPage page, int zone, int badge) =>
        page.Locator($"#replay-plan g.zone-content[data-zone='{zone}'] [data-badge='{badge}'] > text");

    private static long At(JsonObject e) => (long)e["at"]!;

    private static bool Is(JsonObject e, string kind, string idField, int id, int zone) =>
        (string?)e["kind"] == kind && (int?)e["data"]![idField] == id && (int?)e["data"]!["zone"] == zone;

    /// <summary>The page's "T+mm:ss" for a time since T0 (whole seconds, rounded down).</summary>
    private static string Since(long ms) => $"T+{ms / 60000:00}:{ms / 1000 % 60:00}";

    private static async Task WaitForEventAsync(DrillGateway gateway, Func<JsonObject, bool> wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await gateway.EventsAsync()).Any(wanted))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the gateway did not record the expected event within 20 s");
    }
}
