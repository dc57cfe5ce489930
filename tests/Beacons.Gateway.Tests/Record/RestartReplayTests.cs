using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Record;

/// <summary>
/// Nothing accepted before a restart may be accepted again after it, whatever the kind of stop: the record
/// keeps the highest receiver sequence and device counter with the events they led to.
/// </summary>
public class RestartReplayTests
{
    [Theory]
    [InlineData("SIGKILL")]
    [InlineData("SIGINT")]
    public async Task A_datagram_captured_before_a_restart_is_refused_after_it(string stop)
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        string db = Path.Combine(directory, "record.db");
        var air = new Air();
        byte[] captured;
        using (BeaconsProcess first = CrashTests.Gateway(venue, exercise, db))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Url) };
            using var radio = Radio(first.UdpPort);
            radio.Send(Air.Heartbeat(1, 1, heard: 0));
            uint sequence = 2;
            for (uint counter = 30; counter < 40; counter++)
            {
                radio.Send(Air.Datagram(1, sequence++, (air.Badge(101, counter, zone: 1), -60), (air.Tag(501, counter, TriageColour.Yellow, changes: 1, zone: 1), -60)));
            }

            await Task.Delay(5_500); // a presence event records counter 39
            captured = Air.Datagram(1, sequence++, (air.Badge(101, 40, zone: 1, emergency: true), -60), (air.Tag(501, 40, TriageColour.Red, changes: 2, zone: 1), -60));
            radio.Send(captured);
            radio.Send(Air.Datagram(1, sequence++, (air.Badge(101, 41, zone: 1), -60), (air.Tag(501, 41, TriageColour.Green, changes: 3, zone: 1), -60)));
            await Until(http, "api/roster", r => Casualty(r).GetProperty("changes").GetInt32() == 3);

            if (stop == "SIGKILL")
            {
                first.Kill();
            }
            else
            {
                int exit = first.Interrupt();
                Assert.True(exit == 0, $"exit {exit}:\n{first.Output}");
            }
        }

        using BeaconsProcess second = CrashTests.Gateway(venue, exercise, db);
        using var again = new HttpClient { BaseAddress = new Uri(second.Url) };
        JsonElement before = await Roster(again);
        using (var radio = Radio(second.UdpPort))
        {
            radio.Send(captured);
        }

        // The gate counts the datagram, then why it refused it: wait for the verdict, not the arrival.
        JsonElement counters = await Until(again, "api/counters", c => Count(c, "udp-replayed") + Count(c, "udp-too-old") == 1);
        JsonElement after = await Roster(again);
        Assert.Equal(1, Count(counters, "udp-datagrams"));
        Assert.Equal(0, Count(counters, "frame-fresh") + Count(counters, "frame-copy"));
        // Time passing may record something after the restart (a device not heard since going unknown), but
        // nothing the refused datagram carried.
        string since = await again.GetStringAsync($"api/events?after={before.GetProperty("lastEventId").GetInt64()}");
        string[] kinds = JsonDocument.Parse(since).RootElement.GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.DoesNotContain("emergency", kinds);
        Assert.DoesNotContain("tag-changed", kinds);
        Assert.False(Officer(after).GetProperty("emergency").GetBoolean());
        Assert.Equal("green", Casualty(after).GetProperty("colour").GetString());
        Assert.Equal(3, Casualty(after).GetProperty("changes").GetInt32());
    }

    [Fact]
    public async Task Frames_captured_before_a_restart_are_refused_after_it_even_inside_a_new_datagram()
    {
        // A receiver's sequence is not the only guard: the same frames, relayed again in a datagram with a new
        // sequence (another receiver, or a reboot), must not bring the old state back either.
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        string db = Path.Combine(directory, "record.db");
        var air = new Air();
        byte[] oldBadge = air.Badge(101, 40, zone: 1, emergency: true);
        using (BeaconsProcess first = CrashTests.Gateway(venue, exercise, db))
        {
            using var http = new HttpClient { BaseAddress = new Uri(first.Url) };
            using var radio = Radio(first.UdpPort);
            radio.Send(Air.Datagram(1, 1, (oldBadge, -60)));
            radio.Send(Air.Datagram(1, 2, (air.Badge(101, 41, zone: 1), -60)));
            await Until(http, "api/roster", r => Officer(r).TryGetProperty("firstHeardMs", out JsonElement heard) && heard.ValueKind != JsonValueKind.Null
                && !Officer(r).GetProperty("emergency").GetBoolean());
            await Task.Delay(300); // the commit with the watermarks follows the event's
            first.Kill();
        }

        using BeaconsProcess second = CrashTests.Gateway(venue, exercise, db);
        using var again = new HttpClient { BaseAddress = new Uri(second.Url) };
        using (var radio = Radio(second.UdpPort))
        {
            radio.Send(Air.Datagram(2, 1_000, (oldBadge, -60)));
        }

        await Until(again, "api/counters", c => Count(c, "frame-counter-went-back") == 1);
        Assert.False(Officer(await Roster(again)).GetProperty("emergency").GetBoolean());
    }

    private static long Count(JsonElement counters, string name) => counters.GetProperty("counters").GetProperty(name).GetInt64();

    private static Socket Radio(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static async Task<JsonElement> Roster(HttpClient http) => JsonDocument.Parse(await http.GetStringAsync("api/roster")).RootElement.Clone();

    private static JsonElement Officer(JsonElement roster) => roster.GetProperty("officers").EnumerateArray().First(o => o.GetProperty("badge").GetInt32() == 101);

    private static JsonElement Casualty(JsonElement roster) => roster.GetProperty("casualties").EnumerateArray().First(c => c.GetProperty("tag").GetInt32() == 501);

    private static async Task<JsonElement> Until(HttpClient http, string path, Func<JsonElement, bool> holds)
    {
        JsonElement last = default;
        for (int i = 0; i < 150; i++) // a hang guard, not a speed check
        {
            last = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();
            if (holds(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{path} never got there: {last}");
    }
}
