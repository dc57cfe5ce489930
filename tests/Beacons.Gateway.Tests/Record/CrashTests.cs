using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Record;

public class CrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3); // a hang guard, not a speed check

    [Fact]
    public async Task Every_event_acknowledged_before_a_SIGKILL_during_heavy_ingest_is_in_the_record_after_restart_and_the_roster_matches()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        string db = Path.Combine(directory, "record.db");
        using var patience = new CancellationTokenSource(Patience);
        var acknowledged = new ConcurrentDictionary<long, string>(); // event ID -> its JSON, as a client received it
        var rostersSeen = new List<(long Id, string Json)>();

        // Three runs, each killed with SIGKILL in the middle of heavy ingest; each restart resumes the same record.
        for (int run = 0; run < 3; run++)
        {
            using BeaconsProcess gateway = Gateway(venue, exercise, db);
            using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
            await using SseClient stream = await SseClient.OpenAsync(http, "api/stream"); // from the live edge
            Task blast = Task.Run(() => Blast(gateway.UdpPort, run, stop.Token));
            Task notes = Task.Run(() => Annotate(http, acknowledged, stop.Token));

            await Receive(stream, acknowledged, until: acknowledged.Count + 1_000, patience.Token);
            string roster = await http.GetStringAsync("api/roster");
            rostersSeen.Add((JsonDocument.Parse(roster).RootElement.GetProperty("lastEventId").GetInt64(), roster));
            await Receive(stream, acknowledged, until: acknowledged.Count + 1_000, patience.Token);

            gateway.Kill(); // right after a client received an event: datagrams still arriving, batches in flight
            stop.Cancel();
            await Task.WhenAll(blast, notes).ContinueWith(_ => { });
        }

        using BeaconsProcess second = Gateway(venue, exercise, db);
        using var again = new HttpClient { BaseAddress = new Uri(second.Url) };
        string rosterAfter = await again.GetStringAsync("api/roster");
        long rosterAfterId = JsonDocument.Parse(rosterAfter).RootElement.GetProperty("lastEventId").GetInt64();
        List<JsonElement> events = await ReadAll(again);

        // Nothing acknowledged is lost, and nothing changed.
        Dictionary<long, string> recorded = events.ToDictionary(e => e.GetProperty("id").GetInt64(), e => e.GetRawText());
        Assert.True(acknowledged.Count >= 6_000);
        Assert.All(acknowledged, a => Assert.Equal(a.Value, recorded.GetValueOrDefault(a.Key)));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), recorded.Keys.Order());
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "annotation");

        // The rosters served before the kill and after the restart are the folds of the record.
        List<DrillEvent> folded = events.Select(e => new DrillEvent(
            e.GetProperty("id").GetInt64(), e.GetProperty("at").GetInt64(),
            EventJson.BodyFromJson(e.GetProperty("kind").GetString()!, e.GetProperty("data").GetRawText())!)).ToList();
        Assert.All(rostersSeen, seen => Assert.Equal(seen.Json, RosterJson.Serialize(RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), folded.Where(e => e.Id <= seen.Id)))));
        Assert.Equal(rosterAfter, RosterJson.Serialize(RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), folded.Where(e => e.Id <= rosterAfterId))));
        Assert.True(rosterAfterId >= acknowledged.Keys.Max());
    }

    /// <summary>`beacons gateway` on free ports, for tests that must stop, kill or signal the real process.</summary>
    internal static BeaconsProcess Gateway(string venue, string exercise, string db) =>
        BeaconsProcess.Start(Path.GetDirectoryName(db)!, ["gateway", "--venue", venue, "--exercise", exercise, "--db", db, "--udp-port", "0", "--urls", "http://127.0.0.1:0"]);

    private static async Task Receive(SseClient stream, ConcurrentDictionary<long, string> into, int until, CancellationToken cancel)
    {
        while (into.Count < until)
        {
            (long id, string data, JsonElement _, JsonElement _) = (await stream.NextAsync(cancel)) ?? throw new InvalidOperationException("the stream ended");
            into[id] = data;
        }
    }

    /// <summary>
    /// Three receivers reporting 300 unlisted tags, each report a copy of its tag's current payload (the
    /// heavy part: decode, MAC, replay guard, zone estimate), with new payloads changing colour every 25
    /// rounds (the events). Kept to an event rate a client can follow live, so the kill lands right after
    /// the newest events a client received, not long after.
    /// </summary>
    private static void Blast(int port, int run, CancellationToken stop)
    {
        var air = new Air();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        // Counters and sequences keep rising across the runs, as devices' do across a gateway restart.
        var sequences = new uint[] { 0, 10_000_000u * (uint)run, 10_000_000u * (uint)run, 10_000_000u * (uint)run };
        for (uint round = 0; !stop.IsCancellationRequested; round++)
        {
            uint counter = (1_000_000u * (uint)run) + (round / 25);
            for (int receiver = 1; receiver <= 3 && !stop.IsCancellationRequested; receiver++)
            {
                var reports = new (byte[], sbyte)[20];
                for (int i = 0; i < reports.Length; i++)
                {
                    int tag = 1000 + (int)(((round * 20) + i) % 300);
                    reports[i] = (air.Tag(tag, counter, (TriageColour)(counter % 5), committed: counter % 2 == 0, changes: (byte)counter), (sbyte)(-50 - i - (10 * receiver)));
                }

                try
                {
                    socket.Send(Air.Datagram(receiver, ++sequences[receiver], reports));
                }
                catch (SocketException)
                {
                    return; // the gateway is gone
                }
            }

            if (round % 8 == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    private static async Task Annotate(HttpClient http, ConcurrentDictionary<long, string> acknowledged, CancellationToken stop)
    {
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                HttpResponseMessage response = await http.PostAsync("api/annotations",
                    new StringContent($$"""{"type":"note","text":"note {{i}}"}""", Encoding.UTF8, "application/json"), stop);
                if (response.IsSuccessStatusCode)
                {
                    string json = await response.Content.ReadAsStringAsync(stop);
                    acknowledged[JsonDocument.Parse(json).RootElement.GetProperty("id").GetInt64()] = json;
                }

                await Task.Delay(20, stop);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // killed mid-request: that one was never acknowledged
            }
        }
    }

    private static async Task<List<JsonElement>> ReadAll(HttpClient http)
    {
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            JsonElement page = JsonDocument.Parse(await http.GetStringAsync($"api/events?after={after}&limit=10000")).RootElement.Clone();
            JsonElement[] events = page.GetProperty("events").EnumerateArray().ToArray();
            if (events.Length == 0)
            {
                return all;
            }

            all.AddRange(events);
            after = events[^1].GetProperty("id").GetInt64();
        }
    }
}
