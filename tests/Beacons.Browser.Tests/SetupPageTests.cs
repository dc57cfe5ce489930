using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>`beacons setup` serves the Setup page: its address opens it, with its steps, from an empty folder.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupPageTests
{
    [Fact]
    public async Task The_address_opens_the_setup_page_with_its_steps_from_an_empty_folder()
    {
        using SetupHost setup = SetupHost.Start();
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await browser.Context.NewPageAsync();
        await page.GotoAsync(setup.BaseUri.ToString());
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        Assert.EndsWith("/setup.html", page.Url);
        foreach (string step in new[] { "plan-step", "roster-step", "devices-step" })
        {
            await Expect(page.Locator($"section#{step}")).ToHaveCountAsync(1);
        }
    }
}
