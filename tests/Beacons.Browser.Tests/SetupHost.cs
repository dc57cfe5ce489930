using System.Net.Http.Headers;
using Beacons.Testing;
using Microsoft.Playwright;

namespace Beacons.Browser.Tests;

/// <summary>A real `beacons setup FOLDER` process on a free port, over a fresh folder (empty unless the test fills it).</summary>
public sealed class SetupHost : IDisposable
{
    private readonly BeaconsProcess _process;

    private SetupHost(string folder, BeaconsProcess process, string? token)
    {
        Folder = folder;
        _process = process;
        BaseUri = new Uri(process.Url.TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        if (token != null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The drill's folder: venue.json, exercise.json, plans/.</summary>
    public string Folder { get; }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <summary>The live gateway's UDP port, once the page has started the drill and `beacons setup` has handed over and printed it.</summary>
    public int WaitForUdpPort()
    {
        for (int i = 0; i < 300 && _process.UdpPort == 0; i++)
        {
            Thread.Sleep(100);
        }

        return _process.UdpPort != 0 ? _process.UdpPort : throw new InvalidOperationException("the gateway did not start:\n" + _process.Output);
    }

    /// <param name="fill">Writes files into the folder before the command starts.</param>
    public static SetupHost Start(Action<string>? fill = null, string? token = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "beacons-setup-" + Guid.NewGuid().ToString("N")[..12]);
        string folder = Path.Combine(directory, "drill");
        Directory.CreateDirectory(folder);
        fill?.Invoke(folder);
        // A free UDP port too: the live gateway's, once the page starts the drill.
        var args = new List<string> { "setup", folder, "--urls", "http://127.0.0.1:0", "--udp-port", "0" };
        if (token != null)
        {
            args.AddRange(["--token", token]);
        }

        BeaconsProcess process = BeaconsProcess.Start(directory, args, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        });
        return new SetupHost(folder, process, token);
    }

    /// <summary>The Setup page in a new tab of <paramref name="browser"/>, once it has mounted its steps.</summary>
    public async Task<IPage> OpenAsync(Browser browser)
    {
        IPage page = await browser.Context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(BaseUri.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }

    public void Dispose()
    {
        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp directory is cleaned up by the system
        }
    }
}
