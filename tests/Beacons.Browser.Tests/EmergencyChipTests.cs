using System.Text.Json.Nodes;
using Beacons.Protocol;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// An officer in emergency is drawn on the plan with their name however crowded their zone, at every screen size
/// (issue 16: at T+16:57 of the demo a crowded zone showed only "U" and "+2", hiding the SOS).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmergencyChipTests(ITestOutputHelper output)
{
    private const int Crowd = 30;
    private const int Casualties = 20;

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1024, 768)]
    [InlineData(390, 844)]
    public async Task An_emergency_in_a_crowded_zone_keeps_its_named_chip_inside_the_plan(int width, int height)
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output, width: width, height: height);
        // The East corridor made a 10 m x 6 m lobby, too small for its crowd at every size: the gateway restarts on it.
        drill.Gateway.Kill();
        JsonObject venue = JsonNode.Parse(File.ReadAllText(drill.Gateway.VenuePath))!.AsObject();
        venue["zones"]![0]!["outline"] = JsonNode.Parse("[[0,0],[10,0],[10,6],[0,6]]");
        File.WriteAllText(drill.Gateway.VenuePath, venue.ToJsonString());
        drill.Gateway.StartAgain(newRecord: true);

        // The exercise lists four officers; badges it does not list are drawn too, so they make the crowd: every
        // role a badge can say and every casualty colour, committed and being assessed, so grouping is not enough.
        OfficerRole[] roles = Enum.GetValues<OfficerRole>().Where(r => r != OfficerRole.Unknown).ToArray();
        for (int i = 0; i < Crowd; i++)
        {
            drill.Radio.Badge(201 + i, zone: 1, role: roles[i % roles.Length]);
        }

        TriageColour[] colours = Enum.GetValues<TriageColour>();
        for (int i = 0; i < Casualties; i++)
        {
            drill.Radio.Tag(501 + i, colours[i % colours.Length], committed: i % 2 == 0, changes: (byte)(i % 2), zone: 1);
        }

        drill.Radio.Badge(102, zone: 1, emergency: true);

        IPage page = await drill.OpenAsync();
        if (width < 600)
        {
            await page.Locator("#show-plan").ClickAsync(); // a phone shows the plan when asked (docs/dashboard.md)
        }

        // Wait until the whole crowd is on the page: everyone in the zone drawn, grouped or counted by a "+N".
        await page.WaitForFunctionAsync(
            """
            n => {
              const zone = document.querySelector("#plan g.zone-content[data-zone='1']");
              if (!zone) return false;
              let people = zone.querySelectorAll('[data-badge], [data-tag]').length;
              for (const e of zone.querySelectorAll('[data-badges]')) people += e.dataset.badges.split(',').length;
              for (const e of zone.querySelectorAll('[data-tags]')) people += e.dataset.tags.split(',').length;
              for (const e of zone.querySelectorAll('[data-hidden]')) people += Number(e.dataset.hidden);
              return people === n;
            }
            """,
            Crowd + Casualties + 1);

        await Expect(page.Locator("#plan g.zone-content[data-zone='1'] .more")).ToBeVisibleAsync(); // crowded beyond its room

        ILocator chip = page.Locator("#plan g.zone-content[data-zone='1'] [data-badge='102']");
        await Expect(chip.Locator("> text")).ToHaveTextAsync("SOS RTF Lee");
        await Expect(chip).ToBeVisibleAsync();

        // Measured in one go: the plan is redrawn as the gateway's events arrive, so a chip found earlier may be gone.
        string problem = await page.EvaluateAsync<string>(
            """
            () => {
              const chip = document.querySelector("#plan g.zone-content[data-zone='1'] [data-badge='102']");
              if (!chip) return 'no SOS chip';
              chip.scrollIntoView({ block: 'nearest', inline: 'nearest' });
              const c = chip.getBoundingClientRect();
              const p = document.querySelector('#plan').getBoundingClientRect();
              const at = (r) => `(${r.x},${r.y} ${r.width}x${r.height})`;
              if (c.left < p.left - 0.5 || c.top < p.top - 0.5 || c.right > p.right + 0.5 || c.bottom > p.bottom + 0.5) {
                return `the SOS chip ${at(c)} is not inside the plan ${at(p)}`;
              }
              const top = document.elementFromPoint(c.x + c.width / 2, c.y + c.height / 2);
              return top && chip.contains(top) ? '' : `something is drawn over the SOS chip: ${top?.outerHTML.slice(0, 200)}`;
            }
            """);
        Assert.Equal("", problem);
        // Before T0 the header carries its longest button: every action must still be whole on screen.
        await LayoutCheck.AssertLaidOutAsync(page,
            new[] { ("Start button", "#start-clock"), ("Annotate button", "#annotate"), ("Survey button", "#survey-open"), ("Review link", "#review-link") },
            ".actions > *");

        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"emergency-crowded-{width}x{height}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"emergency screenshot: {path}");
    }
}
