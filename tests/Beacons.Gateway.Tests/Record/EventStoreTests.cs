using System.Text.Json.Nodes;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Serving;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Record;

public class EventStoreTests
{
    [Fact]
    public void Events_read_back_in_order_and_the_feed_reads_old_ones_from_disk()
    {
        string db = Path.Combine(LiveGateway.NewDirectory(), "record.db");
        using EventStore store = EventStore.Open(db);
        var events = Enumerable.Range(1, 20_000).Select(i => new DrillEvent(i, 1_000 + i, new Annotation("note", $"n{i}"))).ToList();
        for (int i = 0; i < events.Count; i += 5_000)
        {
            store.Append(events.Skip(i).Take(5_000).Select(StoredEvent.Of).ToList(), null);
        }

        DrillRoster roster = RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), store.ReadAll());
        var feed = new EventFeed(store, roster); // nothing in memory: everything comes from the record

        Assert.Equal(20_000, store.LastEventId);
        Assert.Equal(20_000, roster.Notes.Count);
        Assert.Equal(new long[] { 11, 12, 13 }, feed.Read(10, 3).Select(e => e.Id));
        Assert.Equal(EventJson.ToJson(events[10]), feed.Read(10, 1)[0].Json);
        Assert.Empty(feed.Read(20_000, 10));
    }

    [Fact]
    public async Task Raw_recording_keeps_every_datagram_as_received()
    {
        string directory = LiveGateway.NewDirectory();
        var air = new Air();
        await using (LiveGateway g = await LiveGateway.StartAsync(directory, new GatewayOptions { RecordRaw = true }))
        {
            g.Send(Air.Datagram(1, 1, (air.Badge(101, 1), -60)));
            g.Send([1, 2, 3]); // junk is kept too: it is what arrived
            g.Send(Air.Heartbeat(2, 1));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (g.Runtime.Counters[Beacons.Gateway.Ingest.Counter.UdpDatagrams] < 3)
            {
                await Task.Delay(20, patience.Token);
            }

            await g.Runtime.FlushAsync();
            Assert.Equal(3, g.Runtime.Store.RawCount);
        }

        using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "record.db")};Mode=ReadOnly;Pooling=False");
        sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT bytes FROM raw WHERE length(bytes) = 3";
        Assert.Equal(new byte[] { 1, 2, 3 }, (byte[])command.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_record_of_another_exercise_is_refused()
    {
        string directory = LiveGateway.NewDirectory();
        await using (await LiveGateway.StartAsync(directory))
        {
        }

        JsonObject other = TestDrill.ExerciseJson();
        other["exerciseId"] = 43;
        Exercise exercise = ExerciseFile.Parse(other.ToJsonString(), "other.json", TestDrill.Venue());
        var options = new GatewayOptions { DbPath = Path.Combine(directory, "record.db"), UdpPort = 0, Urls = "http://127.0.0.1:0" };

        var e = await Assert.ThrowsAsync<GatewayStartException>(() => GatewayApp.StartAsync(TestDrill.Venue(), exercise, options));

        Assert.Contains("is the record of exercise 42 (Spring drill), not 43", e.Message);
    }
}
