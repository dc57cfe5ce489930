using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Roster;

public class RebuildTests
{
    private const long T = 1_700_000_000_000;
    private readonly Air _air = new();

    /// <summary>A few minutes of drill: officers moving, a tag changing colour, an emergency, alerts, controller actions.</summary>
    private TestPipeline Drill()
    {
        var p = new TestPipeline();
        p.Pipeline.Open(T);
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        var random = new Random(7);
        uint seq = 1;
        for (int s = 0; s < 240; s++)
        {
            long now = T + (s * 1000L);
            uint counter = (uint)(s + 1);
            var reports = new List<(byte[], sbyte)>
            {
                (_air.Badge(101, counter, battery: (byte)(90 - (s / 10))), (sbyte)random.Next(-90, -50)),
                (_air.Badge(103, counter, role: OfficerRole.RtfMedic, emergency: s is > 60 and < 90), (sbyte)random.Next(-90, -50)),
                (_air.Badge(102, counter, zone: (byte)(s < 100 ? 4 : 2)), -70),
                (_air.Tag(501, counter, s < 30 ? TriageColour.Untagged : TriageColour.Red, committed: s >= 35, changes: (byte)(s < 35 ? 0 : 1), zone: (byte)(s > 200 ? 3 : 0)), -65),
            };
            int receiver = 1 + random.Next(3);
            p.Datagram(Air.Datagram(receiver, seq++, reports.ToArray()), now);
            if (s % 10 == 0)
            {
                p.Datagram(Air.Heartbeat(receiver, seq++), now);
            }

            if (s == 120)
            {
                p.Pipeline.Act(new SetZoneStatus(1, "warm"), now);
                p.Pipeline.Act(new Annotate("threat-neutralized", "east corridor"), now);
            }

            p.Tick(now + 500);
        }

        AlertRaised? first = p.Bodies<AlertRaised>().FirstOrDefault();
        Assert.NotNull(first);
        p.Pipeline.Act(new AcknowledgeAlert(p.Events.First(e => e.Body is AlertRaised).Id), T + 241_000);
        p.Take();
        return p;
    }

    [Fact]
    public void The_roster_rebuilt_from_the_events_equals_the_live_one()
    {
        TestPipeline live = Drill();

        DrillRoster rebuilt = RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), live.Events);

        Assert.True(live.Events.Count > 20);
        Assert.Contains(live.Events, e => e.Body is TagChanged);
        Assert.Contains(live.Events, e => e.Body is OfficerZoneChanged);
        Assert.Equal(RosterJson.Serialize(live.Roster), RosterJson.Serialize(rebuilt));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void Replacing_the_entities_each_event_changed_gives_the_roster_after_it_however_events_are_batched(int batchSize)
    {
        TestPipeline live = Drill();
        DrillRoster roster = RosterFold.Initial(TestDrill.Venue(), TestDrill.Exercise());
        JsonNode page = JsonNode.Parse(RosterJson.Serialize(roster))!;

        foreach (DrillEvent[] batch in live.Events.Chunk(batchSize))
        {
            var rosters = new List<DrillRoster> { roster };
            foreach (DrillEvent e in batch)
            {
                rosters.Add(RosterFold.Apply(rosters[^1], e));
            }

            var changes = new RosterChanges(rosters[0], rosters[^1]);
            for (int i = 0; i < batch.Length; i++)
            {
                PageRoster.Apply(page, batch[i].Id, JsonDocument.Parse(changes.Json(rosters[i], rosters[i + 1])).RootElement);
                JsonNode expected = JsonNode.Parse(RosterJson.Serialize(rosters[i + 1]))!;
                Assert.True(JsonNode.DeepEquals(expected, page), $"after event {batch[i].Id} ({batch[i].Kind}):\n{expected.ToJsonString()}\n{page.ToJsonString()}");
            }

            roster = rosters[^1];
        }

        Assert.Contains(live.Events, e => e.Body is ZoneStatusSet);
        Assert.Contains(live.Events, e => e.Body is Presence);
    }

    [Fact]
    public void Events_survive_their_json_form_unchanged()
    {
        TestPipeline live = Drill();

        List<DrillEvent> again = live.Events
            .Select(e => new DrillEvent(e.Id, e.AtMs, EventJson.BodyFromJson(e.Kind, EventJson.BodyToJson(e.Body))!))
            .ToList();

        Assert.Equal(live.Events.Select(EventJson.ToJson), again.Select(EventJson.ToJson));
        Assert.Equal(RosterJson.Serialize(live.Roster), RosterJson.Serialize(RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), again)));
    }

    [Fact]
    public void A_pipeline_restarted_from_the_rebuilt_roster_repeats_nothing_and_refuses_old_frames()
    {
        TestPipeline live = Drill();
        DrillRoster rebuilt = RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), live.Events);
        var restarted = new TestPipeline(from: rebuilt);
        long now = T + 242_000;

        // The same devices, still in the same state, with newer counters: nothing to record.
        restarted.Datagram(Air.Datagram(3, 10_000, (_air.Badge(102, 300, zone: 2), -70), (_air.Tag(501, 300, TriageColour.Red, changes: 1, zone: 3), -65)), now);
        // Frames from before the restart: refused.
        restarted.Datagram(Air.Datagram(3, 10_001, (_air.Badge(102, 5, zone: 4), -70)), now);

        Assert.Empty(restarted.Events);
        Assert.Equal(1, restarted.Counters[Counter.FrameCounterWentBack]);
        Assert.Equal(rebuilt.LastEventId, restarted.Roster.LastEventId);
    }
}
