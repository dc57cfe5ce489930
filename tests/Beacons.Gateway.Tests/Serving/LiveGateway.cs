using System.Net;
using System.Net.Sockets;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Serving;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>A real gateway for a test: its own record file, a free UDP port and a free HTTP port on loopback.</summary>
public sealed class LiveGateway : IAsyncDisposable
{
    private readonly Socket _udp = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    private LiveGateway(RunningGateway gateway, string directory, string dbPath)
    {
        Gateway = gateway;
        Directory = directory;
        DbPath = dbPath;
        Http = new HttpClient { BaseAddress = new Uri(gateway.Urls[0].TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (gateway.Token.Value != null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", gateway.Token.Value);
        }

        _udp.Connect(new IPEndPoint(IPAddress.Loopback, gateway.UdpPort));
    }

    public RunningGateway Gateway { get; }

    public DrillRuntime Runtime => Gateway.Runtime;

    public string Directory { get; }

    public string DbPath { get; }

    public HttpClient Http { get; }

    public static string NewDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "beacons-test-" + Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <param name="venue">The test venue with something changed; the test drill's own when null.</param>
    public static async Task<LiveGateway> StartAsync(string? directory = null, GatewayOptions? options = null, Beacons.Venue.Venue? venue = null)
    {
        directory ??= NewDirectory();
        string db = Path.Combine(directory, "record.db");
        options = (options ?? new GatewayOptions()) with { DbPath = db, UdpPort = 0, UdpAddress = IPAddress.Loopback };
        if (options.Urls == GatewayOptions.DefaultUrls)
        {
            options = options with { Urls = "http://127.0.0.1:0" };
        }

        RunningGateway gateway = await GatewayApp.StartAsync(venue ?? TestDrill.Venue(), TestDrill.Exercise(venue), options);
        return new LiveGateway(gateway, directory, db);
    }

    public void Send(byte[] datagram) => _udp.Send(datagram);

    public async ValueTask DisposeAsync()
    {
        _udp.Dispose();
        Http.Dispose();
        await Gateway.DisposeAsync();
    }
}
