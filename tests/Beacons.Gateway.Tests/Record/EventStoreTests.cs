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
        using EventStore store = EventStore.Open(options.DbPath);
        Assert.Equal(ExerciseFile.FormatWithoutKeys(TestDrill.Exercise()), store.ExerciseJson);
    }

    [Fact]
    public async Task The_record_keeps_the_files_it_was_made_with()
    {
        string directory = LiveGateway.NewDirectory();
        await using (await LiveGateway.StartAsync(directory))
        {
        }

        // Restarted on the same record with an edited exercise file (same ID) and venue: it resumes, and the
        // record still holds what the drill started with.
        JsonObject renamed = TestDrill.ExerciseJson();
        renamed["name"] = "Spring drill (edited)";
        Exercise exercise = ExerciseFile.Parse(renamed.ToJsonString(), "renamed.json", TestDrill.Venue());
        JsonObject venueJson = TestDrill.VenueJson();
        venueJson["name"] = "Test school (edited)";
        Beacons.Venue.Venue venue = VenueFile.Parse(venueJson.ToJsonString(), "venue.json");
        var options = new GatewayOptions { DbPath = Path.Combine(directory, "record.db"), UdpPort = 0, Urls = "http://127.0.0.1:0" };
        await using (await GatewayApp.StartAsync(venue, exercise, options))
        {
        }

        using EventStore store = EventStore.Open(options.DbPath);
        Assert.Equal(VenueFile.Format(TestDrill.Venue()), store.VenueJson);
        Assert.Equal(ExerciseFile.FormatWithoutKeys(TestDrill.Exercise()), store.ExerciseJson);
        Assert.Contains("\"name\":\"Spring drill\"", store.ExerciseJson);
    }

    [Fact]
    public void A_record_written_before_the_files_were_kept_has_none()
    {
        string db = Path.Combine(LiveGateway.NewDirectory(), "record.db");
        using EventStore store = EventStore.Open(db);

        Assert.Null(store.VenueJson);
        Assert.Null(store.ExerciseJson);
    }
}
