using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beacons.Browser.Tests;

/// <summary>
/// A page of another web site, open in the controller's browser beside the dashboard, must not act on the
/// gateway (docs/gateway.md, "Other web sites"). The other site is a real second server on this machine,
/// another origin; the requests are what such a page can send without asking: no-cors text/plain POSTs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossSiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_page_of_another_origin_fails_at_every_action_and_changes_nothing()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        drill.Radio.Badge(101, zone: 1, emergency: true); // an emergency alert to try to acknowledge
        long alert = 0;
        for (int i = 0; i < 100 && alert == 0; i++)
        {
            await Task.Delay(100);
            JsonArray alerts = (await drill.Gateway.GetAsync("api/alerts?active=true"))["alerts"]!.AsArray();
            alert = alerts.Where(a => (string?)a!["type"] == "emergency").Select(a => (long)a!["id"]!).FirstOrDefault();
        }

        Assert.NotEqual(0, alert);
        int eventsBefore = (await drill.Gateway.EventsAsync()).Count;
        string gateway = drill.Gateway.BaseUri.ToString().TrimEnd('/');
        using OtherSite other = OtherSite.Start($$"""
            <!doctype html><title>Another site</title><script>
            const actions = [
              ['/api/clock/start', ''],
              ['/api/zones/1/status', '{"status":"cold"}'],
              ['/api/alerts/{{alert}}/acknowledge', ''],
              ['/api/annotations', '{"type":"note","text":"forged"}'],
            ];
            window.sent = Promise.all(actions.map(([path, body]) =>
              fetch('{{gateway}}' + path, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body })
                .then(() => 'sent', e => 'error: ' + e)));
            </script>
            """);

        IPage page = await drill.Browser.Context.NewPageAsync();
        await page.GotoAsync(other.Url);
        string[] sent = await page.EvaluateAsync<string[]>("window.sent");
        Assert.All(sent, s => Assert.Equal("sent", s)); // the browser sent every one: the gateway refused them

        JsonObject counters = (await drill.Gateway.GetAsync("api/counters"))["counters"]!.AsObject();
        Assert.Equal(4, (long)counters["api-foreign"]!);
        JsonObject roster = await drill.Gateway.GetAsync("api/roster");
        Assert.Null(roster["clock"]!["startedAtMs"]);
        // Nothing the forged requests asked for was recorded. The drill's own events may go on meanwhile (a badge's
        // presence every 5 s, a receiver's heartbeat), so the new events are checked by kind, not counted.
        string[] added = (await drill.Gateway.EventsAsync()).Skip(eventsBefore).Select(e => (string)e["kind"]!).ToArray();
        Assert.All(added, kind => Assert.DoesNotContain(kind, new[] { "clock-started", "zone-status-set", "alert-acknowledged", "annotation" }));
        JsonArray active = (await drill.Gateway.GetAsync("api/alerts?active=true"))["alerts"]!.AsArray();
        Assert.Contains(active, a => (long)a!["id"]! == alert && a["acknowledgedAtMs"] is null);

        // The dashboard itself, same origin, still acts.
        IPage dashboard = await drill.OpenAsync();
        await dashboard.Locator("#start-clock").ClickAsync();
        await dashboard.Locator("#not-ready-dialog button[value='start']").ClickAsync(); // nothing is on yet: start anyway
        await Assertions.Expect(dashboard.Locator("#clock")).ToContainTextAsync("T+");
    }

    [Fact]
    public async Task A_rebound_name_cannot_read_the_roster_and_no_page_can_frame_the_dashboard()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.Browser.Context.NewPageAsync();

        // rebound.example resolves to this machine (Browser.cs), as after DNS rebinding.
        IResponse? rebound = await page.GotoAsync($"http://rebound.example:{drill.Gateway.HttpPort}/api/roster");
        Assert.Equal(421, rebound!.Status);
        Assert.DoesNotContain("Ruiz", await page.ContentAsync());

        using OtherSite framer = OtherSite.Start($"""<!doctype html><iframe id="f" src="{drill.Gateway.BaseUri}"></iframe>""");
        await page.GotoAsync(framer.Url);
        await page.WaitForTimeoutAsync(1000);
        IFrame? framed = page.Frames.FirstOrDefault(f => f != page.MainFrame);
        string inside = framed == null ? "" : await framed.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''").ContinueWith(t => t.IsFaulted ? "" : t.Result);
        Assert.DoesNotContain("Test school", inside);
    }

    /// <summary>Another web site: one page, served from another port of this machine (so another origin).</summary>
    private sealed class OtherSite : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly byte[] _response;

        private OtherSite(string html)
        {
            byte[] body = Encoding.UTF8.GetBytes(html);
            _response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n")
                .Concat(body).ToArray();
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        public static OtherSite Start(string html) => new(html);

        public void Dispose() => _listener.Stop();

        private static bool EndsHead(List<byte> request) =>
            request.Count >= 4 && request[^4] == '\r' && request[^3] == '\n' && request[^2] == '\r' && request[^1] == '\n';

        private async Task Serve()
        {
            try
            {
                while (true)
                {
                    using TcpClient client = await _listener.AcceptTcpClientAsync();
                    NetworkStream stream = client.GetStream();
                    // Read the GET's head to its blank line before answering, however the bytes arrive.
                    var request = new List<byte>();
                    var chunk = new byte[1024];
                    while (!EndsHead(request))
                    {
                        int read = await stream.ReadAsync(chunk);
                        if (read == 0)
                        {
                            break;
                        }

                        request.AddRange(chunk.AsSpan(0, read));
                    }

                    await stream.WriteAsync(_response);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // stopped
            }
        }
    }
}
