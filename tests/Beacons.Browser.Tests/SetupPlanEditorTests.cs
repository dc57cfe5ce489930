using System.Text;
using Beacons.Venue;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// The Setup page's plan editor driven with the mouse, from an empty folder: a plan uploaded, the scale set by two
/// clicks, three zones drawn (one snapped to another's corners), a receiver placed, a coverage warning seen, the venue
/// saved; the saved file is what `beacons gateway` loads.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupPlanEditorTests
{
    private const string Plan = SetupPlanSteps.Plan;

    [Fact]
    public async Task A_controller_draws_a_venue_on_a_plan_and_saves_a_file_the_gateway_loads()
    {
        using SetupHost setup = SetupHost.Start();
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await Open(browser, setup);

        await page.FillAsync("#venue-name", "Northside High");
        await page.ClickAsync("#add-floor");
        await page.FillAsync("#floor-name", "Ground");
        await page.SetInputFilesAsync("#plan-file", new FilePayload { Name = "not-a-plan.png", MimeType = "image/png", Buffer = Encoding.UTF8.GetBytes("hello") });
        await Expect(page.Locator("#plan-error")).ToContainTextAsync("not a floor plan image");
        await page.SetInputFilesAsync("#plan-file", new FilePayload { Name = "ground.svg", MimeType = "image/svg+xml", Buffer = Encoding.UTF8.GetBytes(Plan) });
        await Expect(page.Locator("#plan-canvas > image.floor-image")).ToHaveCountAsync(1);
        await Expect(page.Locator("#plan-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#floor-size")).ToContainTextAsync("30 m by 15 m");

        // The scale: the plan's width is 60 m. A distance of 0 is refused at the field.
        await page.ClickAsync("#tool-scale");
        await ClickPlan(page, 0, 0);
        await ClickPlan(page, 30, 0);
        await page.FillAsync("#scale-distance", "0");
        await page.ClickAsync("#scale-apply");
        await Expect(page.Locator("#scale-error")).ToContainTextAsync("more than 0");
        await page.FillAsync("#scale-distance", "60");
        await page.ClickAsync("#scale-apply");
        await Expect(page.Locator("#scale-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#floor-size")).ToContainTextAsync("by 30 m");

        // Zone 1, closed with Enter.
        await page.ClickAsync("#tool-zone");
        foreach ((double x, double y) in new[] { (0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (0.0, 10.0) })
        {
            await ClickPlan(page, x, y);
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(1);
        await page.FillAsync("#zone-name", "East corridor");

        // Zone 2 beside it: its first and last corners are clicked a little off zone 1's and snap to them; closed on its first corner.
        await page.ClickAsync("#tool-zone");
        foreach ((double x, double y) in new[] { (20.15, 0.1), (40.0, 0.0), (40.0, 10.0), (20.1, 10.15), (20.15, 0.1) })
        {
            await ClickPlan(page, x, y);
        }

        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(2);
        await page.FillAsync("#zone-name", "Library");

        // A bow tie is refused at once, and what was drawn stays to be corrected.
        await page.ClickAsync("#tool-zone");
        foreach ((double x, double y) in new[] { (42.0, 2.0), (58.0, 28.0), (58.0, 2.0), (42.0, 28.0) })
        {
            await ClickPlan(page, x, y);
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#draw-error")).ToContainTextAsync("crosses itself");
        await Expect(page.Locator("#plan-canvas .draft-corner")).ToHaveCountAsync(4);
        await page.Keyboard.PressAsync("Escape");

        // Zone 3: the car park, the CCP, outside.
        foreach ((double x, double y) in new[] { (40.0, 10.0), (60.0, 10.0), (60.0, 30.0), (40.0, 30.0) })
        {
            await ClickPlan(page, x, y);
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(3);
        await page.FillAsync("#zone-name", "Car park");
        await page.CheckAsync("#zone-ccp");
        await page.CheckAsync("#zone-outside");
        await page.SelectOptionAsync("#zone-status", "cold");

        // A receiver in the corridor; the library and the car park have none: coverage warnings say so, and why.
        await page.ClickAsync("#tool-receiver");
        await ClickPlan(page, 10, 5);
        await Expect(page.Locator("#plan-canvas circle.device.receiver")).ToHaveCountAsync(1);
        await Expect(page.Locator("#problems li.warning", new() { HasText = "Library" }).First).ToContainTextAsync("receiver");
        await Expect(page.Locator("#problems li.problem")).ToHaveCountAsync(0);

        await page.ClickAsync("#save-venue");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Saved venue.json");

        Beacons.Venue.Venue venue = VenueFile.Load(Path.Combine(setup.Folder, "venue.json"));
        Assert.Equal("Northside High", venue.Name);
        Floor floor = Assert.Single(venue.Floors);
        Assert.Equal(("Ground", "plans/floor-0.svg"), (floor.Name, floor.Image));
        Assert.InRange(floor.Width, 59.5, 60.5);
        Assert.Equal(floor.Width / 2, floor.Height, 2);
        Assert.True(File.Exists(Path.Combine(setup.Folder, "plans", "floor-0.svg")));
        Assert.Equal(["East corridor", "Library", "Car park"], venue.Zones.Select(z => z.Name));
        VenueZone corridor = venue.Zones[0], library = venue.Zones[1], carPark = venue.Zones[2];
        // Snapped: the library's corners on the shared wall are the corridor's own.
        Assert.Contains(corridor.Outline[1], library.Outline);
        Assert.Contains(corridor.Outline[2], library.Outline);
        Assert.Equal(library.Outline[0], corridor.Outline[1]);
        Assert.True(carPark.Ccp && carPark.Outside && carPark.Status == ZoneStatus.Cold);
        VenueReceiver receiver = Assert.Single(venue.Receivers);
        Assert.Equal((1, corridor.Id, "R1"), (receiver.Id, receiver.Zone, receiver.Name));

        // Opened again, the page shows what was saved.
        await page.ReloadAsync();
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(3);
        await Expect(page.Locator("#venue-name")).ToHaveValueAsync("Northside High");
    }

    [Fact]
    public async Task A_zone_dragged_over_another_is_marked_with_the_problem_at_it_and_the_save_is_refused()
    {
        using SetupHost setup = SetupHost.Start(folder => Beacons.Gateway.Tests.TestDrill.WriteFiles(folder));
        string before = File.ReadAllText(Path.Combine(setup.Folder, "venue.json"));
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await Open(browser, setup);
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(3); // floor 0 of the test venue

        // The library's corner at (40, 10) dragged into the corridor.
        await ClickPlan(page, 25, 2); // in the library, clear of its receiver and anchor
        await Expect(page.Locator("#plan-canvas circle.corner")).ToHaveCountAsync(4);
        (double fromX, double fromY) = await OnScreen(page, 20, 10);
        (double toX, double toY) = await OnScreen(page, 10, 5);
        await page.Mouse.MoveAsync((float)fromX, (float)fromY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)toX, (float)toY, new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Expect(page.Locator("#selection-fields li.problem")).ToContainTextAsync("overlaps zone 1");
        await Expect(page.Locator("#plan-canvas polygon.zone.flagged[data-zone='2']")).ToHaveCountAsync(1);
        await page.ClickAsync("#save-venue");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Not saved");
        Assert.Equal(before, File.ReadAllText(Path.Combine(setup.Folder, "venue.json")));
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(3); // the drawing stays
    }

    [Fact]
    public async Task A_hand_written_venue_opens_on_the_page_and_saves_back_as_the_same_venue()
    {
        using SetupHost setup = SetupHost.Start(folder => Beacons.Gateway.Tests.TestDrill.WriteFiles(folder));
        string path = Path.Combine(setup.Folder, "venue.json");
        string handWritten = VenueFile.Format(VenueFile.Load(path));
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await Open(browser, setup);
        await Expect(page.Locator("#venue-name")).ToHaveValueAsync("Test school");
        await Expect(page.Locator("#floor-list .floor-tab")).ToHaveCountAsync(2);
        await page.ClickAsync("#floor-list .floor-tab[data-floor='1']");
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(1);
        await Expect(page.Locator("#plan-canvas rect.device.anchor")).ToHaveCountAsync(1);

        await page.ClickAsync("#save-venue");

        await Expect(page.Locator("#save-state")).ToContainTextAsync("Saved venue.json");
        Assert.Equal(handWritten, VenueFile.Format(VenueFile.Load(path)));
    }

    [Fact]
    public async Task Stairs_put_on_the_floor_above_link_the_floors()
    {
        using SetupHost setup = SetupHost.Start(folder => Beacons.Gateway.Tests.TestDrill.WriteFiles(folder));
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await Open(browser, setup);

        await ClickPlan(page, 50, 5); // the car park, on the ground floor
        await page.CheckAsync("#zone-stairs");
        await Expect(page.Locator("#stairs-links")).ToContainTextAsync("no other floor");
        await page.ClickAsync("button.copy-stairs[data-to-floor='1']");

        await Expect(page.Locator("#plan-canvas[data-floor='1'] polygon.zone")).ToHaveCountAsync(2);
        await Expect(page.Locator("#stairs-links")).ToContainTextAsync("Links to \"Car park\" on Ground");
        await page.ClickAsync("#save-venue");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Saved venue.json");
        Beacons.Venue.Venue venue = VenueFile.Load(Path.Combine(setup.Folder, "venue.json"));
        VenueZone copy = venue.Zones.Single(z => z.Floor == 1 && z.Stairs);
        Assert.Equal(venue.FindZone(3)!.Outline, copy.Outline);
        Assert.Contains((3, copy.Id), Beacons.Placement.NeighbouringZones.Of(venue));
    }

    private static Task<IPage> Open(Browser browser, SetupHost setup) => setup.OpenAsync(browser);

    private static Task<(double, double)> OnScreen(IPage page, double x, double y) => SetupPlanSteps.OnScreenAsync(page, x, y);

    private static Task ClickPlan(IPage page, double x, double y) => SetupPlanSteps.ClickAsync(page, x, y);
}
