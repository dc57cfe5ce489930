using System.Text.Json.Nodes;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// The dashboard and the review of a busy drill at the three screens docs/dashboard.md designs for: a 1366x768
/// laptop, a 1024x768 tablet and a 390x844 phone (issue 16: at 1024 the alerts pushed the tally and the Acknowledge
/// buttons out of the panel; on a phone the plan was a 50 px strip under a clock drawn over the floor tabs).
/// Each leaves its screenshots in the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(ITestOutputHelper output)
{
    /// <summary>A laptop, a tablet, a phone.</summary>
    public static TheoryData<int, int> Screens => new() { { 1366, 768 }, { 1024, 768 }, { 390, 844 } };

    private const string LongVenueName = "Lincoln Middle School, east wing (Beacons demo venue)";

    private static readonly (string, string)[] DashboardKeys =
    {
        ("venue title", "#venue-name"), ("clock", "#clock"), ("floor tab", "#floors .floor-tab"), ("tally", ".tally"),
        ("alert list", "#alerts"), ("first alert", "#alerts > li:first-child"), ("Acknowledge button", "#alerts .ack"),
        ("Annotate button", "#annotate"), ("Survey button", "#survey-open"), ("Review link", "#review-link"),
    };

    private static readonly string[] DashboardApart = { ".titles", ".clock-box", "#floors .floor-tab", ".actions > *" };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_dashboard_of_a_busy_drill_fits_the_screen(int width, int height)
    {
        await using BrowserDrill drill = await BusyDrillAsync(width, height);
        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#tally-total")).ToHaveTextAsync(Casualties.ToString());
        await Expect(page.Locator("#alerts .ack")).ToHaveCountAsync(Alerts);
        await Expect(page.Locator("#venue-name")).ToHaveTextAsync(LongVenueName);

        string size = $"{width}x{height}";
        await LayoutCheck.ScreenshotAsync(page, $"layout-dashboard-{size}", output);
        await LayoutCheck.AssertLaidOutAsync(page, DashboardKeys, DashboardApart);

        if (width >= 600)
        {
            // Beside the panel, the plan keeps most of the screen.
            float[] plan = await Box(page, "#plan");
            Assert.True(plan[2] >= 0.5 * width && plan[3] >= 0.5 * height, $"the plan is {plan[2]}x{plan[3]} on a {size} screen");
            return;
        }

        // The phone: one column, the tally and the alerts first, the plan when asked for, then at a usable size.
        float[] alerts = await Box(page, ".alerts-panel");
        float[] tally = await Box(page, ".tally");
        Assert.True(tally[1] < alerts[1], "the tally comes before the alerts");
        await Expect(page.Locator("#plan")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#show-plan")).ToHaveAttributeAsync("aria-pressed", "false");

        await page.Locator("#show-plan").ClickAsync();
        await Expect(page.Locator("#show-plan")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#plan [data-badge='102'] > text")).ToHaveTextAsync("SOS RTF Lee");
        await LayoutCheck.ScreenshotAsync(page, $"layout-dashboard-{size}-plan", output);
        float[] shown = await Box(page, "#plan");
        Assert.True(shown[2] >= 0.9 * width && shown[3] >= 0.6 * height, $"the plan is {shown[2]}x{shown[3]} on a {size} screen");
        await LayoutCheck.AssertLaidOutAsync(page, new[] { ("venue title", "#venue-name"), ("clock", "#clock"), ("floor tab", "#floors .floor-tab"), ("plan", "#plan") }, DashboardApart);

        // And back to the tally and the alerts.
        await page.Locator("#show-status").ClickAsync();
        await Expect(page.Locator("#plan")).Not.ToBeVisibleAsync();
        await Expect(page.Locator(".tally")).ToBeInViewportAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_review_of_a_busy_drill_fits_the_screen(int width, int height)
    {
        await using BrowserDrill drill = await BusyDrillAsync(width, height);
        await Task.Delay(1500); // the drill lasts a few seconds: the replay has somewhere to go
        await drill.Gateway.PostAsync("api/clock/stop");

        IPage page = await drill.Browser.Context.NewPageAsync();
        await page.GotoAsync(drill.Gateway.BaseUri + "review.html");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#drill-name")).ToContainTextAsync(LongVenueName);
        await Expect(page.Locator("#replay-plan g.zone")).Not.ToHaveCountAsync(0);
        await page.Locator("#seek").FillAsync(await page.Locator("#seek").GetAttributeAsync("max") ?? "0"); // the end: everyone in
        await Expect(page.Locator("#replay-plan [data-badge='102']")).ToHaveCountAsync(1);

        // The report's frame loads when scrolled to.
        await page.Locator("#report").ScrollIntoViewIfNeededAsync();
        await Expect(page.FrameLocator("#report").Locator("h1")).ToHaveTextAsync("After-action review");
        await page.EvaluateAsync("window.scrollTo(0, 0)");

        string size = $"{width}x{height}";
        await LayoutCheck.ScreenshotAsync(page, $"layout-review-{size}", output);
        await LayoutCheck.AssertLaidOutAsync(page,
            new[]
            {
                ("title", ".top h1"), ("drill name", "#drill-name"), ("report links", ".links a"), ("play", "#play"),
                ("clock", "#clock"), ("floor button", "#floors button"), ("seek bar", "#seek"), ("plan", "#replay-plan"),
                ("key times", "#key-times"), ("report", "#report"),
            },
            ".top h1", "#clock", "#floors button", "#play", "#speed");

        float[] plan = await Box(page, "#replay-plan");
        Assert.True(plan[2] >= 0.5 * width && plan[3] >= 0.4 * height, $"the replay plan is {plan[2]}x{plan[3]} on a {size} screen");

        // The report shows in its frame, as wide as the frame: not a page to pan across.
        int[] report = await page.Locator("#report").EvaluateAsync<int[]>("f => [f.contentDocument.documentElement.scrollWidth, f.clientWidth]");
        Assert.True(report[0] <= report[1], $"the report is {report[0]} px wide in a {report[1]} px frame");
    }

    private const int Casualties = 15;
    private const int Alerts = 7; // one emergency, two medics in a hot zone, four low batteries

    /// <summary>
    /// A drill in full swing on the demo's long venue name: thirty officers on both floors, fifteen casualties of
    /// every colour, and seven alerts waiting to be acknowledged.
    /// </summary>
    private async Task<BrowserDrill> BusyDrillAsync(int width, int height)
    {
        BrowserDrill drill = await BrowserDrill.StartAsync(output, width: width, height: height);
        try
        {
            drill.Gateway.Kill();
            JsonObject venue = JsonNode.Parse(File.ReadAllText(drill.Gateway.VenuePath))!.AsObject();
            venue["name"] = LongVenueName;
            venue["floors"]![0]!["name"] = "Ground floor";
            venue["floors"]![1]!["name"] = "First floor";
            File.WriteAllText(drill.Gateway.VenuePath, venue.ToJsonString());
            drill.Gateway.StartAgain(newRecord: true);

            await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
            await drill.Gateway.PostAsync("api/zones/2/status", """{"status":"warm"}""");
            await drill.Gateway.PostAsync("api/annotations", """{"type":"threat-neutralized","text":"Suspect down in the library"}""");
            drill.Radio.Heartbeat(1);
            drill.Radio.Heartbeat(2);
            drill.Radio.Badge(101, zone: 2);
            drill.Radio.Badge(102, zone: 1, emergency: true, role: OfficerRole.RtfOfficer);
            drill.Radio.Badge(103, zone: 1, role: OfficerRole.RtfMedic);
            drill.Radio.Badge(104, zone: 3, role: OfficerRole.Command);
            OfficerRole[] roles = { OfficerRole.Contact, OfficerRole.RtfOfficer, OfficerRole.RtfOfficer, OfficerRole.Contact };
            for (int i = 0; i < 26; i++)
            {
                OfficerRole role = i == 0 ? OfficerRole.RtfMedic : roles[i % roles.Length];
                drill.Radio.Badge(201 + i, zone: (byte)(1 + (i % 4)), role: role, battery: (byte)(i % 7 == 3 ? 10 : 80));
            }

            TriageColour[] colours = { TriageColour.Red, TriageColour.Yellow, TriageColour.Green, TriageColour.Black, TriageColour.Untagged };
            for (int i = 0; i < Casualties; i++)
            {
                drill.Radio.Tag(501 + i, colours[i % colours.Length], committed: i % 3 != 1, changes: 1, zone: (byte)(1 + (i % 3)));
            }

            return drill;
        }
        catch
        {
            await drill.DisposeAsync();
            throw;
        }
    }

    /// <summary>An element's box on screen: x, y, width, height.</summary>
    private static Task<float[]> Box(IPage page, string selector) =>
        page.Locator(selector).EvaluateAsync<float[]>("e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }");
}
