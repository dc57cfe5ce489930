using Beacons.Placement.Scoring;
using Beacons.Simulator.Demo;
using Beacons.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// A calibration walk recorded from the dashboard's survey mode on a tablet, through the simulator: `beacons demo`,
/// whose badge 150 waits in the command post from before T0. The walk's files load as `beacons evaluate` reads them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyWalkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_walk_through_the_simulated_drill_is_recorded_and_its_offsets_shown_and_applied()
    {
        string directory = Path.Combine(Path.GetTempPath(), "beacons-survey-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        using BeaconsProcess demo = BeaconsProcess.Start(directory,
            ["demo", "--speed", "5", "--db", Path.Combine(directory, "demo.db"), "--urls", "http://127.0.0.1:0", "--udp-port", "0"],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" });
        await using Browser browser = await Browser.LaunchAsync(1024, 768);
        try
        {
            IPage page = await browser.Context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(demo.Url);
            await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);

            await page.Locator("#survey-open").ClickAsync();
            ILocator dialog = page.Locator("#survey-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await page.Locator("#survey-badge").SelectOptionAsync("150");
            await page.Locator("#survey-start").ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("Walking with badge 150");

            // Badge 150 stands in the command post: tap it, and wait until its receivers have heard enough of it there.
            await dialog.Locator(".survey-zone", new() { HasText = "Command post" }).ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("now in: Command post");
            await Expect(page.Locator("#survey-receivers tr.enough")).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });

            // Two more zones: the front walk from its button, the CCP from the plan.
            await dialog.Locator(".survey-zone", new() { HasText = "Front walk" }).ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("now in: Front walk");
            await page.Locator("#survey-plan g.zone[data-zone='16']").ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("3 taps");
            await LayoutCheck.ScreenshotAsync(page, "survey-walking-1024x768", output);
            await page.Locator("#survey-stop").ClickAsync();

            ILocator result = page.Locator("#survey-result");
            await Expect(result.Locator("h3")).ToContainTextAsync("applied");
            await Expect(result.Locator("tr.learned").First).ToContainTextAsync("Command post");
            await Expect(result).ToContainTextAsync("Never heard from their own zone, so no offset learned (left at 0 dB): R");
            await Expect(page.Locator("#survey-note")).ToContainTextAsync("Offsets in force: walk-");
            await LayoutCheck.ScreenshotAsync(page, "survey-stopped-1024x768", output);
            await page.Locator("#survey-close").ClickAsync();
            await Expect(page.Locator("#timeline")).ToContainTextAsync("Receiver offsets from calibration walk");

            // The files, beside the demo's record, load as the evaluate command reads them.
            string folder = Path.Combine(directory, "survey");
            string trace = Assert.Single(Directory.GetFiles(folder, "walk-*-trace.csv"));
            var venue = ScoringVenue.From(DemoDrill.Load().Venue);
            ScoredTrace walk = ScoredTrace.Read(venue, trace, trace.Replace("-trace.csv", "-truth.csv"));
            Assert.All(walk.Trace, r => Assert.Equal(150, r.Device));
            Assert.Equal([17, 15, 16], walk.Truth.Select(s => (int)s.Zone).Distinct().ToArray());
        }
        finally
        {
            output.WriteLine(demo.Output);
        }
    }
}
