using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// A floor's plan image (the venue's "image", a file beside the venue file) is drawn under the zones, spanning the
/// floor's metres, on the dashboard and in the review's replay; the gateway serves that file and nothing else.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FloorImageTests(ITestOutputHelper output)
{
    private const string Plan = """<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#ccc"/></svg>""";

    [Fact]
    public async Task The_plan_image_is_drawn_under_the_zones_on_the_dashboard_and_in_the_replay()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        drill.Gateway.Kill();
        JsonObject venue = JsonNode.Parse(File.ReadAllText(drill.Gateway.VenuePath))!.AsObject();
        venue["floors"]![0]!["image"] = "plans/ground.svg";
        File.WriteAllText(drill.Gateway.VenuePath, venue.ToJsonString());
        Directory.CreateDirectory(Path.Combine(drill.Gateway.Directory, "plans"));
        File.WriteAllText(Path.Combine(drill.Gateway.Directory, "plans", "ground.svg"), Plan);
        drill.Gateway.StartAgain();

        IPage page = await drill.OpenAsync();
        ILocator image = page.Locator("#plan > image.floor-image");
        await Expect(image).ToHaveCountAsync(1);
        // Under the zones: drawn before them.
        Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelector('#plan > image'); return i.compareDocumentPosition(document.querySelector('#plan > g.zones')) === Node.DOCUMENT_POSITION_FOLLOWING; }"));
        string href = (await image.GetAttributeAsync("href"))!;
        Assert.EndsWith("/api/floors/0/image", href);
        string[] answer = await page.EvaluateAsync<string[]>("async (u) => { const r = await fetch(u); return [String(r.status), r.headers.get('content-type')]; }", href);
        Assert.Equal(["200", "image/svg+xml"], answer);

        // The upper floor has no image: none drawn, none served.
        await page.ClickAsync(".floor-tab[data-floor='1']");
        await Expect(page.Locator("#plan[data-floor='1']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#plan > image")).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await drill.Gateway.Http.GetAsync("api/floors/1/image")).StatusCode);

        await drill.Gateway.PostAsync("api/clock/start", """{"confirm":true}""");
        drill.Radio.Badge(101, zone: 1);
        await drill.Gateway.PostAsync("api/clock/stop");
        IPage review = await drill.Browser.Context.NewPageAsync();
        await review.GotoAsync(drill.Gateway.BaseUri + "review.html");
        await Expect(review.Locator("#replay-plan > image.floor-image")).ToHaveCountAsync(1);
    }
}
