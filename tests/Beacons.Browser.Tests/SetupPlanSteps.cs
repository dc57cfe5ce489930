using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>The Plan step with the mouse, as a person does it: a plan uploaded, the scale set, zones drawn, receivers placed.</summary>
public static class SetupPlanSteps
{
    // 600 by 300 pixels: the page's first guess makes it 30 m by 15 m until the scale is set.
    public const string Plan = """<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#eee"/><path d="M300 0V300" stroke="#000"/></svg>""";

    /// <summary>A floor "Ground" with <see cref="Plan"/> uploaded, then the scale set: the plan's width is 60 m.</summary>
    public static async Task UploadAndScaleAsync(IPage page)
    {
        await page.ClickAsync("#add-floor");
        await page.FillAsync("#floor-name", "Ground");
        await page.SetInputFilesAsync("#plan-file", new FilePayload { Name = "ground.svg", MimeType = "image/svg+xml", Buffer = Encoding.UTF8.GetBytes(Plan) });
        await Expect(page.Locator("#plan-canvas > image.floor-image")).ToHaveCountAsync(1);
        await page.ClickAsync("#tool-scale");
        await ClickAsync(page, 0, 0);
        await ClickAsync(page, 30, 0);
        await page.FillAsync("#scale-distance", "60");
        await page.ClickAsync("#scale-apply");
        await Expect(page.Locator("#floor-size")).ToContainTextAsync("by 30 m");
    }

    /// <summary>A zone with these corners (metres), closed with Enter, then named.</summary>
    public static async Task ZoneAsync(IPage page, string name, params (double X, double Y)[] corners)
    {
        int before = await page.Locator("#plan-canvas polygon.zone").CountAsync();
        await page.ClickAsync("#tool-zone");
        foreach ((double x, double y) in corners)
        {
            await ClickAsync(page, x, y);
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#plan-canvas polygon.zone")).ToHaveCountAsync(before + 1);
        await page.FillAsync("#zone-name", name);
    }

    /// <summary>A receiver placed at (x, y) metres.</summary>
    public static async Task ReceiverAsync(IPage page, double x, double y)
    {
        int before = await page.Locator("#plan-canvas circle.device.receiver").CountAsync();
        await page.ClickAsync("#tool-receiver");
        await ClickAsync(page, x, y);
        await Expect(page.Locator("#plan-canvas circle.device.receiver")).ToHaveCountAsync(before + 1);
    }

    /// <summary>Where the point (x, y) metres of the floor plan is on the screen.</summary>
    public static async Task<(double, double)> OnScreenAsync(IPage page, double x, double y)
    {
        double[] at = await page.EvaluateAsync<double[]>(
            "([x, y]) => { const s = document.getElementById('plan-canvas'); const p = new DOMPoint(x, y).matrixTransform(s.getScreenCTM()); return [p.x, p.y]; }",
            new[] { x, y });
        return (at[0], at[1]);
    }

    public static async Task ClickAsync(IPage page, double x, double y)
    {
        (double sx, double sy) = await OnScreenAsync(page, x, y);
        await page.Mouse.ClickAsync((float)sx, (float)sy);
    }
}
