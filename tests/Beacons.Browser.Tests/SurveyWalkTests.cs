using Beacons.Placement.Scoring;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Scenario;
using Beacons.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// A calibration walk recorded from the dashboard's survey mode on a tablet, through the simulator: `beacons gateway`
/// with the demo's files and `beacons simulate` switching on every device of them, standing (badge 150 in one of the
/// cold zones), so T0 comes only when the test sets it. The walk's files load as `beacons evaluate` reads them; once
/// the clock runs, the page says why no walk can start.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyWalkTests(ITestOutputHelper output)
{
    private static readonly int[] ColdZones = [15, 16, 17]; // Front walk, CCP, Command post: each has a receiver

    [Fact]
    public async Task A_walk_through_the_simulated_drill_is_recorded_and_its_offsets_shown_and_applied_and_refused_after_T0()
    {
        string directory = Path.Combine(Path.GetTempPath(), "beacons-survey-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        foreach (string file in Directory.GetFiles(DemoDrill.Folder))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        string venuePath = Path.Combine(directory, DemoDrill.VenueFileName);
        string exercisePath = Path.Combine(directory, DemoDrill.ExerciseFileName);
        var production = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" };
        using BeaconsProcess gateway = BeaconsProcess.Start(directory,
            ["gateway", "--venue", venuePath, "--exercise", exercisePath, "--db", Path.Combine(directory, "drill.db"),
             "--urls", "http://127.0.0.1:0", "--udp-port", "0"], production);
        using BeaconsProcess simulator = BeaconsProcess.Start(directory,
            ["simulate", "--venue", venuePath, "--exercise", exercisePath, "--udp-port", gateway.UdpPort.ToString()]);
        await using Browser browser = await Browser.LaunchAsync(1024, 768);
        try
        {
            IPage page = await browser.Context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(gateway.Url);
            await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
            // The walker taps where badge 150 really stands, as a person would, not where the receivers first place it:
            // the roster's first guess, from a reading or two, can be a zone with no receiver to learn.
            DrillFiles demo = DemoDrill.Load();
            Beacons.Venue.Venue venue = demo.Venue;
            int standing = StandingScenario.For(venue, demo.Exercise, seed: 1).People.Single(p => p.Badge == 150).Start.Zone;
            int[] taps = [standing, .. ColdZones.Where(z => z != standing)];
            string Name(int zone) => venue.FindZone(zone)!.Name;

            await page.Locator("#survey-open").ClickAsync();
            ILocator dialog = page.Locator("#survey-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await page.Locator("#survey-badge").SelectOptionAsync("150");
            await page.Locator("#survey-start").ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("Walking with badge 150");

            // Tap the zone badge 150 stands in, and wait until two of the receivers have heard enough of it there: a walk
            // teaches only from two (an offset compares a receiver with the others). Standing, seed 1, puts badge 150 in
            // the command post, which has two.
            Assert.Equal(17, standing);
            await dialog.Locator(".survey-zone", new() { HasTextString = Name(taps[0]) }).ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync($"now in: {Name(taps[0])}");
            await Expect(page.Locator("#survey-receivers tr.enough").Nth(1)).ToBeVisibleAsync(new() { Timeout = 60_000 });

            // Two more zones: one from its button, one from the plan.
            await dialog.Locator(".survey-zone", new() { HasTextString = Name(taps[1]) }).ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync($"now in: {Name(taps[1])}");
            // The truth file holds the zone last tapped every 100 ms (Scorer.SampleMs): a zone left sooner has no sample,
            // and the browser taps faster than a person walks, so stay in it for a few samples before the next tap.
            await Task.Delay(3 * (int)Scorer.SampleMs);
            await page.Locator($"#survey-plan g.zone[data-zone='{taps[2]}']").ClickAsync();
            await Expect(page.Locator("#survey-now")).ToContainTextAsync("3 taps");
            await LayoutCheck.ScreenshotAsync(page, "survey-walking-1024x768", output);
            await page.Locator("#survey-stop").ClickAsync();

            ILocator result = page.Locator("#survey-result");
            await Expect(result.Locator("h3")).ToContainTextAsync("applied");
            await Expect(result.Locator("tr.learned").First).ToContainTextAsync(Name(taps[0]));
            await Expect(result).ToContainTextAsync("Never heard from their own zone, so no offset learned (left at 0 dB): R");
            await Expect(page.Locator("#survey-note")).ToContainTextAsync("Offsets in force: walk-");
            await Expect(page.Locator("#survey-start")).ToBeEnabledAsync();
            await LayoutCheck.ScreenshotAsync(page, "survey-stopped-1024x768", output);

            // T0: the open page now says why no walk can start, and offers none.
            Assert.Equal(200, await page.EvaluateAsync<int>(
                "fetch('/api/clock/start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{\"confirm\": true}' }).then(r => r.status)"));
            await Expect(page.Locator("#survey-note")).ToContainTextAsync("A walk cannot start now: the drill is running");
            await Expect(page.Locator("#survey-start")).ToBeDisabledAsync();
            await page.Locator("#survey-close").ClickAsync();
            await Expect(page.Locator("#timeline")).ToContainTextAsync("Receiver offsets from calibration walk");

            // The files, beside the venue file, load as the evaluate command reads them.
            string trace = Assert.Single(Directory.GetFiles(Path.Combine(directory, "survey"), "walk-*-trace.csv"));
            ScoredTrace walk = ScoredTrace.Read(ScoringVenue.From(venue), trace, trace.Replace("-trace.csv", "-truth.csv"));
            Assert.All(walk.Trace, r => Assert.Equal(150, r.Device));
            Assert.Equal(taps[..3], walk.Truth.Select(s => (int)s.Zone).Distinct().ToArray()); // the three zones tapped
        }
        finally
        {
            output.WriteLine(gateway.Output);
            output.WriteLine(simulator.Output);
        }
    }
}
