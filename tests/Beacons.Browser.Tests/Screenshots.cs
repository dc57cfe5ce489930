using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beacons.Browser.Tests;

/// <summary>Screenshots of a page at the three screen sizes the dashboard is made for, kept in the test output for people to look at.</summary>
public static class Screenshots
{
    /// <summary><see cref="LayoutTests.Screens"/>, the one list of them.</summary>
    public static readonly (int Width, int Height)[] Sizes = LayoutTests.Screens.Select(s => ((int)s[0], (int)s[1])).ToArray();

    /// <summary>Takes <paramref name="name"/>-WxH.png at each size, and leaves the page at the first.</summary>
    public static async Task AtThreeSizesAsync(IPage page, string name, ITestOutputHelper output)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        foreach ((int width, int height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            // The dashboard redraws its plan for the new size a moment after the resize: wait for that frame.
            await page.EvaluateAsync("() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(null)), 300))");
            string path = Path.Combine(directory, $"{name}-{width}x{height}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine($"screenshot: {path}");
        }

        await page.SetViewportSizeAsync(Sizes[0].Width, Sizes[0].Height);
    }
}
