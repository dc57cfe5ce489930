using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>The main view on a 1366x768 laptop screen, mid-drill: it fits without scrolling, and a screenshot is kept for people to look at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_main_view_mid_drill_fits_a_laptop_screen_and_is_kept_as_a_screenshot()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
        await drill.Gateway.PostAsync("api/zones/2/status", """{"status":"warm"}""");
        await drill.Gateway.PostAsync("api/annotations", """{"type":"threat-neutralized","text":"Suspect down in the library"}""");
        drill.Radio.Heartbeat(1);
        drill.Radio.Heartbeat(2);
        drill.Radio.Badge(101, zone: 2);
        drill.Radio.Badge(102, zone: 1, emergency: true);
        drill.Radio.Badge(103, zone: 2);
        drill.Radio.Badge(104, zone: 4);
        drill.Radio.Badge(777, zone: 3);
        drill.Radio.Tag(501, TriageColour.Red, committed: true, changes: 1, zone: 3);
        drill.Radio.Tag(502, TriageColour.Yellow, committed: false, changes: 0, zone: 2);
        drill.Radio.Tag(503, TriageColour.Green, committed: true, changes: 1, zone: 1);

        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#plan [data-badge='102'] > text")).ToHaveTextAsync("SOS RTF Lee");
        await Expect(page.Locator("#plan [data-badge='777'] > text")).ToHaveTextAsync("CT #777"); // unlisted: the role its badge says, its number
        await Expect(page.Locator("#plan [data-tag='502']")).ToHaveAttributeAsync("data-committed", "false");
        await Expect(page.Locator("#tally-ccp")).ToHaveTextAsync("1");
        await Expect(page.Locator("#alerts .alert-emergency")).ToContainTextAsync("Ofc. B. Lee");
        await Expect(page.Locator("#receivers")).ToContainTextAsync("R3");

        // Everything is on screen: no scrolling on a 1366x768 laptop.
        int[] size = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        Assert.True(size[0] <= 1366 && size[1] <= 768, $"the page is {size[0]}x{size[1]}, more than the 1366x768 screen");

        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"dashboard screenshot: {path}");
        Console.WriteLine($"dashboard screenshot: {path}");
    }
}
