using Microsoft.Playwright;

namespace Beacons.Browser.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright: each test gets its own browser with a fresh profile.
/// Playwright never downloads a browser here; /usr/bin/chromium is the one tests/run installs.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Browser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<Browser> LaunchAsync(int width = 1366, int height = 768)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"the browser tests need Debian's chromium at {Chromium}: apt-get install chromium (tests/run does it)");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        IPlaywright playwright = await Playwright.CreateAsync();
        string profile = Path.Combine(Path.GetTempPath(), "beacons-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        try
        {
            // A persistent context is how Playwright takes a profile directory of our choosing (fresh, per test).
            IBrowserContext context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    // A name that resolves to this machine, as DNS rebinding makes one (CrossSiteTests).
                    "--host-resolver-rules=MAP rebound.example 127.0.0.1",
                },
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Timeout = 60_000,
            });
            return new Browser(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens the dashboard of <paramref name="gateway"/> (with <paramref name="fragment"/> after '#', if any).</summary>
    public async Task<IPage> OpenAsync(DrillGateway gateway, string? fragment = null, bool waitReady = true)
    {
        IPage page = Context.Pages.Count == 1 && Context.Pages[0].Url == "about:blank" ? Context.Pages[0] : await Context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(gateway.BaseUri + (fragment == null ? "" : "#" + fragment));
        if (waitReady)
        {
            await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        }

        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still hold a file for a moment; it is a temp directory
        }
    }
}
