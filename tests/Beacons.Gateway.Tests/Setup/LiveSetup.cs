using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Beacons.Gateway.Serving;
using Beacons.Gateway.Setup;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>A real Setup host (what `beacons setup` runs) over a fresh folder, on a free loopback port.</summary>
public sealed class LiveSetup : IAsyncDisposable
{
    private LiveSetup(RunningSetup setup, SetupFolder folder)
    {
        Setup = setup;
        Folder = folder;
        Http = new HttpClient { BaseAddress = new Uri(setup.Urls[0].TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (setup.Token.Value != null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", setup.Token.Value);
        }
    }

    public RunningSetup Setup { get; }

    public SetupFolder Folder { get; }

    public HttpClient Http { get; }

    /// <param name="fill">Writes files into the folder before the host starts.</param>
    public static async Task<LiveSetup> StartAsync(Action<string>? fill = null, string? folder = null, string? token = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "beacons-setup-test-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        fill?.Invoke(folder);
        var setupFolder = new SetupFolder(folder);
        RunningSetup setup = await SetupApp.StartAsync(setupFolder, new SetupOptions { Urls = "http://127.0.0.1:0", Token = token });
        return new LiveSetup(setup, setupFolder);
    }

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json) =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonObject> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Setup.DisposeAsync();
        try
        {
            Directory.Delete(Folder.Root, recursive: true);
        }
        catch (IOException)
        {
            // a mount inside, or a file still held; the temp folder goes anyway
        }
    }
}
