using System.Net;
using System.Net.Sockets;
using System.Text;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Tests.Serving;
using Beacons.Gateway.Tests.Sources;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Ingest;

/// <summary>Forged, replayed, malformed and oversized input on every source: refused, counted, never a crash.</summary>
public class FuzzTests
{
    private const long T = 1_700_000_000_000;
    private readonly Air _air = new();

    [Fact]
    public void Random_mutated_replayed_and_oversized_datagrams_never_throw_and_never_invent_devices()
    {
        var p = new TestPipeline();
        var random = new Random(2024);
        byte[][] valid =
        [
            Air.Datagram(1, 1, (_air.Badge(101, 1), -60), (_air.Tag(501, 1, TriageColour.Red), -70)),
            Air.Datagram(2, 1, (_air.Anchor(900, 1, 4), -60), (Air.IBeacon("e2c56db5dffb48d2b060d0f5a71096e0", 1, 7), -80)),
            Air.Heartbeat(3, 1),
        ];
        int fed = 0;
        for (int i = 0; i < 30_000; i++)
        {
            byte[] datagram = (i % 5) switch
            {
                0 => HciEventsTests.RandomBytes(random, random.Next(0, 1400)),
                1 => HciEventsTests.Mutate(random, valid[random.Next(valid.Length)]),
                2 => valid[random.Next(valid.Length)],                                         // replays
                3 => [.. valid[0], .. HciEventsTests.RandomBytes(random, random.Next(1, 2000))], // oversized or trailing junk
                _ => ValidDatagramOfJunkAdverts(random, (uint)(100 + i)),                        // authentic receiver, garbage adverts
            };
            p.Pipeline.Datagram(datagram, datagram.Length, T + i);
            fed++;
            if (i % 1000 == 0)
            {
                p.Tick(T + i);
            }
        }

        p.Take();
        Assert.Equal(fed, p.Counters[Counter.UdpDatagrams]);
        Assert.True(p.Counters.Rejected > 20_000);
        Assert.True(p.Counters[Counter.UdpReplayed] > 0 && p.Counters[Counter.UdpBadMac] > 0 && p.Counters[Counter.UdpTooLong] > 0);
        Assert.True(p.Counters[Counter.AdvertTruncated] + p.Counters[Counter.AdvertEmpty] + p.Counters[Counter.AdvertForeign] > 0);
        // Only the devices of the valid datagrams exist: nothing was invented from junk.
        Assert.Equal([101, 102, 103, 104], p.Roster.Officers.Keys);
        Assert.Equal([501, 502, 503], p.Roster.Casualties.Keys);
        Assert.Equal(TriageColour.Red, p.Roster.Casualties[501].Colour);
    }

    [Fact]
    public void Junk_adverts_heard_directly_never_throw()
    {
        var p = new TestPipeline();
        var random = new Random(7);
        byte[] badge = _air.Badge(101, 1);
        for (int i = 0; i < 30_000; i++)
        {
            byte[] advert = i % 2 == 0 ? HciEventsTests.RandomBytes(random, random.Next(0, 40)) : HciEventsTests.Mutate(random, badge);
            p.Pipeline.Advert(advert, 0, advert.Length, random.Next(0, 5), random.Next(-128, 128), T + i);
        }

        p.Pipeline.Advert(badge, 5, 100, 1, -60, T); // a length past the buffer
        p.Take();
        Assert.Equal(30_001, p.Counters[Counter.Adverts]);
        Assert.True(p.Counters[Counter.FrameBadMac] > 0);
        Assert.True(p.Roster.Officers[101].FirstHeardMs == null || p.Counters[Counter.FrameFresh] > 0);
    }

    [Fact]
    public async Task Junk_on_the_real_udp_socket_is_counted_and_the_gateway_keeps_serving()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, g.Gateway.UdpPort));
        var random = new Random(5);
        byte[] valid = Air.Datagram(1, 1, (_air.Badge(101, 1, emergency: true), -60));
        int sent = 0;
        int oversized = 0;
        int copies = 2;
        for (int i = 0; i < 2_000; i++)
        {
            byte[] junk = (i % 4) switch
            {
                0 => HciEventsTests.RandomBytes(random, random.Next(0, 1300)),
                1 => HciEventsTests.Mutate(random, valid),
                2 => HciEventsTests.RandomBytes(random, random.Next(1201, 9000)),
                _ => valid[..random.Next(0, valid.Length)],
            };
            oversized += junk.Length > DatagramLayout.MaxLength ? 1 : 0;
            copies += junk.AsSpan().SequenceEqual(valid) ? 1 : 0; // a mutation that changed nothing
            socket.Send(junk);
            sent++;
            if (i % 100 == 0)
            {
                Thread.Sleep(1); // loopback drops what a full socket buffer cannot hold; the test wants every datagram counted
            }
        }

        socket.Send(valid);
        socket.Send(valid); // a replay
        sent += 2;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (g.Runtime.Counters[Counter.UdpDatagrams] < sent)
        {
            await Task.Delay(20, patience.Token);
        }

        await g.Runtime.FlushAsync();
        Assert.Equal(sent, g.Runtime.Counters[Counter.UdpDatagrams]);
        Assert.Equal(oversized, g.Runtime.Counters[Counter.UdpTooLong]);
        Assert.Equal(copies - 1, g.Runtime.Counters[Counter.UdpReplayed]); // every copy after the first
        Assert.True(g.Runtime.Feed.Current.Roster.Officers[101].Emergency);
        Assert.Contains("\"udp-bad-mac\"", await g.Http.GetStringAsync("api/counters"));
    }

    [Fact]
    public async Task Junk_requests_to_the_api_never_get_a_server_error()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        var random = new Random(11);
        string[] paths =
        [
            "api/clock/start", "api/clock/stop", "api/zones/1/status", "api/zones/-5/status", "api/zones/99999999999/status",
            "api/annotations", "api/alerts/1/acknowledge", "api/alerts/abc/acknowledge", "api/events?after=-1",
            "api/events?limit=0", "api/events?after=99999999999999999999", "api/nothing", "api/stream?after=x",
        ];
        for (int i = 0; i < 400; i++)
        {
            string path = paths[random.Next(paths.Length)];
            byte[] body = (i % 3) switch
            {
                0 => HciEventsTests.RandomBytes(random, random.Next(0, 200)),
                1 => Encoding.UTF8.GetBytes("""{"status":"warm","type":"x","text":""" + (random.Next(2) == 0 ? "1}" : "\"" + new string('y', random.Next(0, 6000)) + "\"}")),
                _ => [],
            };
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(random.Next(2) == 0 ? "application/json" : "text/plain");
            HttpResponseMessage response = path.Contains("events") || path.Contains("stream")
                ? await g.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead)
                : await g.Http.PostAsync(path, content);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            response.Dispose();
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await g.Http.GetAsync("api/status")).StatusCode);
        Assert.True(g.Runtime.Counters[Counter.ApiMalformed] + g.Runtime.Counters[Counter.ApiOversized] > 0);
    }

    /// <summary>A datagram with a valid receiver MAC whose adverts are random bytes of random lengths.</summary>
    private static byte[] ValidDatagramOfJunkAdverts(Random random, uint sequence)
    {
        var w = new DatagramWriter();
        w.BeginReports(42, 2, sequence, 0);
        for (int n = random.Next(0, 30); n > 0; n--)
        {
            byte[] junk = HciEventsTests.RandomBytes(random, random.Next(0, FrameLayout.MaxAdvertisingData + 1));
            w.TryAdd((ulong)random.NextInt64(), (sbyte)random.Next(-128, 128), random.Next(0, 70_000), junk, 0, junk.Length);
        }

        return w.Buffer[..w.Finish(Air.ReceiverKey(2))];
    }
}
