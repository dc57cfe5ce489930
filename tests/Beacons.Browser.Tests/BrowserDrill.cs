using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beacons.Browser.Tests;

/// <summary>
/// What every browser test starts with: a gateway process over the test drill, a fresh chromium (1366x768, a
/// laptop screen, unless told) and the radio that feeds the gateway. When the test ends, what the gateway
/// printed goes to the test's output, where a failing test shows it.
/// </summary>
public sealed class BrowserDrill : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;

    private BrowserDrill(ITestOutputHelper output, DrillGateway gateway, Browser browser)
    {
        _output = output;
        Gateway = gateway;
        Browser = browser;
        Radio = new DrillRadio(gateway.UdpPort);
    }

    public DrillGateway Gateway { get; }

    public Browser Browser { get; }

    public DrillRadio Radio { get; }

    public static async Task<BrowserDrill> StartAsync(ITestOutputHelper output, string? token = null, int width = 1366, int height = 768, string? directory = null)
    {
        DrillGateway gateway = DrillGateway.Start(token, directory);
        try
        {
            return new BrowserDrill(output, gateway, await Browser.LaunchAsync(width, height));
        }
        catch
        {
            output.WriteLine(gateway.Output);
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens the dashboard (with <paramref name="fragment"/> after '#', if any), by default once it is ready.</summary>
    public Task<IPage> OpenAsync(string? fragment = null, bool waitReady = true) => Browser.OpenAsync(Gateway, fragment, waitReady);

    public async ValueTask DisposeAsync()
    {
        _output.WriteLine(Gateway.Output);
        Radio.Dispose();
        await Browser.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
