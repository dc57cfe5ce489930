using System.Text.Json.Nodes;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Zones;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Ingest;

public class PipelineTests
{
    private const long T = 1_700_000_000_000;
    private readonly Air _air = new();

    [Fact]
    public void A_badge_heard_by_a_receiver_is_seen_and_placed_in_that_receivers_zone()
    {
        var p = new TestPipeline();

        List<DrillEvent> events = p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 10), -60)), T);

        Assert.Equal(new EventBody[] { new OfficerSeen(101, OfficerRole.Contact), new OfficerZoneChanged(101, 1, 0, false) }, events.Select(e => e.Body));
        OfficerState officer = p.Roster.Officers[101];
        Assert.Equal(1, officer.Zone);
        Assert.Equal("Sgt. A. Ruiz", officer.Name);
        Assert.Equal(T, officer.FirstHeardMs);
    }

    [Fact]
    public void Copies_of_one_advert_from_several_receivers_make_one_change()
    {
        var p = new TestPipeline();
        byte[] tag = _air.Tag(501, 3, TriageColour.Red, committed: true, changes: 1, secondsSinceChange: 2);

        p.Datagram(Air.Datagram(1, 1, (tag, -70)), T);
        p.Datagram(Air.Datagram(2, 1, (tag, -55)), T + 10);
        p.Datagram(Air.Datagram(3, 1, (tag, -90), (tag, -91)), T + 20);

        Assert.Single(p.Bodies<CasualtySeen>());
        TagChanged change = Assert.Single(p.Bodies<TagChanged>());
        Assert.Equal(new TagChanged(501, TriageColour.Red, true, 1, T - 2000), change);
        Assert.Equal(1, p.Counters[Counter.FrameFresh]);
        Assert.Equal(3, p.Counters[Counter.FrameCopy]);
    }

    [Fact]
    public void The_receivers_that_hear_a_device_best_decide_its_zone_after_the_dwell()
    {
        var p = new TestPipeline();

        // Heard first and weakly by R1 (zone 1), then for several seconds much louder by R2 (zone 2).
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(102, 1), -85)), T);
        for (uint s = 1; s <= 6; s++)
        {
            byte[] advert = _air.Badge(102, 1 + s);
            p.Datagram(Air.Datagram(1, 1 + s, (advert, -85)), T + (s * 1000));
            p.Datagram(Air.Datagram(2, s, (advert, -50)), T + (s * 1000) + 5);
        }

        Assert.Equal(
            new[] { new OfficerZoneChanged(102, 1, 0, false), new OfficerZoneChanged(102, 2, 1, false) },
            p.Bodies<OfficerZoneChanged>());
    }

    [Fact]
    public void One_loud_advert_from_across_the_building_leaves_the_officer_where_they_are()
    {
        // docs/zones.md, "Position fit" (levels): R3 (the car park, not next door to the corridor) hears one advert
        // 20 dB louder than R1 does. Until the fix the fit took that lone reading as R3's level and held it for HoldMs
        // (5 s), and the officer was shown in the car park for 5-7 s; now a newly heard receiver's first step counts
        // from the floor (EntryAlpha) and a receiver heard in one step only is let go after SingleHoldMs, so the
        // officer stays in the corridor.
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(102, 1), -70)), T);
        for (uint s = 1; s <= 30; s++)
        {
            byte[] advert = _air.Badge(102, 1 + s);
            long at = T + (s * 500);
            p.Datagram(Air.Datagram(1, 1 + s, (advert, -70)), at);
            if (s == 4)
            {
                p.Datagram(Air.Datagram(3, 1, (advert, -50)), at + 5);
            }
        }

        p.Tick(T + 16_000);
        Assert.Equal(new[] { new OfficerZoneChanged(102, 1, 0, false) }, p.Bodies<OfficerZoneChanged>());
    }

    [Fact]
    public void A_lasting_lead_of_a_zone_that_is_not_next_door_moves_the_device_within_a_second_without_passing_through_the_one_between()
    {
        // The car park (zone 3) is not a neighbour of the east corridor (zone 1): the library lies between.
        // R3 suddenly hears the badge 20 dB louder than R1, and keeps doing so. The position fit (docs/zones.md)
        // takes the venue's neighbours as its filter's prior, not as a bar: receivers that agree this strongly
        // move the device within a second, straight to the car park (the former estimator waited out a 3 s
        // dwell). The library, where neither receiver puts it, is never shown.
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(102, 1), -70)), T);
        for (uint s = 1; s <= 10; s++)
        {
            byte[] advert = _air.Badge(102, 1 + s);
            long at = T + 1000 + (s * 500);
            p.Datagram(Air.Datagram(1, 1 + s, (advert, -70)), at);
            if (s == 1)
            {
                Assert.Equal(1, p.Roster.Officers[102].Zone); // settled in the corridor before R3 is heard
            }

            p.Datagram(Air.Datagram(3, s, (advert, -50)), at + 5);
        }

        // R3 is first heard at T + 1505: the steps at T + 2000 and T + 2500 take it.
        p.Tick(T + 6_500);
        Assert.Equal(
            new[] { new OfficerZoneChanged(102, 1, 0, false), new OfficerZoneChanged(102, 3, 1, false) },
            p.Bodies<OfficerZoneChanged>());
        Assert.InRange(p.Events.Single(e => e.Body is OfficerZoneChanged { Zone: 3 }).AtMs, T + 2000, T + 2500);
    }

    [Fact]
    public void An_officer_walking_into_a_room_whose_receiver_died_is_shown_there()
    {
        // R3 stands in the car park level with R1, so the two hear someone in the library alike.
        // R2, the library's receiver, sends one heartbeat and is never heard again.
        JsonObject venue = TestDrill.VenueJson();
        JsonEdit.Apply(venue, "$.receivers[2].position=[50, 5]");
        var p = new TestPipeline(venue: venue);
        p.Datagram(Air.Heartbeat(1, 1), T);
        p.Datagram(Air.Heartbeat(2, 1), T);
        p.Datagram(Air.Heartbeat(3, 1), T);

        // Half a minute in the east corridor, then into the library, heard by R1 and R3 at the same strength.
        uint counter = 1, sequence = 1;
        for (long at = T + 500; at <= T + 45_000; at += 500)
        {
            bool inLibrary = at > T + 30_000;
            byte[] advert = _air.Badge(102, counter++);
            sequence++;
            p.Datagram(Air.Datagram(1, sequence, (advert, (sbyte)(inLibrary ? -72 : -50))), at);
            p.Datagram(Air.Datagram(3, sequence, (advert, (sbyte)(inLibrary ? -72 : -80))), at + 5);
        }

        // R2 is taken for dead, so its silence does not say the officer is far from it: the position fit places
        // the officer between R1 and R3, in the library. (The former estimator could only name zone 1 or 3.)
        Assert.Equal(
            new[] { new OfficerZoneChanged(102, 1, 0, false), new OfficerZoneChanged(102, 2, 1, false) },
            p.Bodies<OfficerZoneChanged>());
        Assert.Equal(2, p.Roster.Officers[102].Zone);
    }

    [Fact]
    public void A_self_located_badge_gives_its_own_zone()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, zone: 4), -60)), T);

        Assert.Equal(new OfficerZoneChanged(101, 4, 0, true), Assert.Single(p.Bodies<OfficerZoneChanged>()));
    }

    [Fact]
    public void A_badge_naming_a_zone_the_venue_lacks_is_placed_by_the_receivers_and_counted()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, zone: 77), -60)), T);

        Assert.Equal(new OfficerZoneChanged(101, 1, 0, false), Assert.Single(p.Bodies<OfficerZoneChanged>()));
        Assert.Equal(1, p.Counters[Counter.FrameUnknownZone]);
    }

    [Fact]
    public void Forged_replayed_and_foreign_frames_are_rejected_and_counted_without_changing_anything()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 10), -60)), T);
        DrillRoster before = p.Roster;

        byte[] forged = _air.Badge(101, 11, emergency: true);
        forged[^1] ^= 0x01; // MAC broken
        byte[] otherKey = new Air(key: "ffeeddccbbaa99887766554433221100").Badge(101, 12, emergency: true);
        byte[] otherExercise = new Air(exerciseId: 7).Badge(101, 13, emergency: true);
        byte[] older = _air.Badge(101, 9, emergency: true);
        byte[] sameCounterOtherPayload = _air.Badge(101, 10, emergency: true);
        p.Datagram(Air.Datagram(1, 2, (forged, -60), (otherKey, -60), (otherExercise, -60), (older, -60), (sameCounterOtherPayload, -60)), T + 100);

        Assert.Equal(2, p.Counters[Counter.FrameBadMac]);
        Assert.Equal(1, p.Counters[Counter.FrameOtherExercise]);
        Assert.Equal(1, p.Counters[Counter.FrameCounterWentBack]);
        Assert.Equal(1, p.Counters[Counter.FrameSameCounterOtherMac]);
        Assert.Empty(p.Bodies<Emergency>());
        Assert.Equal(RosterJson.Serialize(before), RosterJson.Serialize(p.Roster));
    }

    [Fact]
    public void A_recorded_advert_replayed_after_the_repeat_window_is_rejected()
    {
        var p = new TestPipeline();
        byte[] advert = _air.Badge(101, 10);
        p.Datagram(Air.Datagram(1, 1, (advert, -60)), T);

        p.Datagram(Air.Datagram(1, 2, (advert, -60)), T + 31_000);

        Assert.Equal(1, p.Counters[Counter.FrameStaleRepeat]);
    }

    [Fact]
    public void Datagrams_from_unknown_receivers_with_bad_macs_or_replayed_are_rejected_and_counted()
    {
        var p = new TestPipeline();
        byte[] advert = _air.Badge(101, 10, emergency: true);
        byte[] good = Air.Datagram(1, 5, (advert, -60));
        byte[] badMac = (byte[])good.Clone();
        badMac[^1] ^= 0x80;

        p.Datagram(Air.Datagram(9, 1, 42, Air.ReceiverKey(9), (advert, -60)), T);  // not in the venue
        p.Datagram(Air.Datagram(1, 1, 42, Air.ReceiverKey(2), (advert, -60)), T);  // R2's key
        p.Datagram(Air.Datagram(1, 1, 43, Air.ReceiverKey(1), (advert, -60)), T);  // another exercise
        p.Datagram(badMac, T);
        Assert.Empty(p.Events);

        p.Datagram(good, T);
        p.Datagram(good, T + 1);

        Assert.Equal(1, p.Counters[Counter.UdpUnknownReceiver]);
        Assert.Equal(2, p.Counters[Counter.UdpBadMac]);
        Assert.Equal(1, p.Counters[Counter.UdpOtherExercise]);
        Assert.Equal(1, p.Counters[Counter.UdpReplayed]);
        Assert.Single(p.Bodies<Emergency>());
    }

    [Fact]
    public void A_heartbeat_records_the_receivers_health_with_what_the_gateway_accepted_from_it()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Heartbeat(1, 1), T);
        p.Datagram(Air.Datagram(1, 2, (_air.Badge(101, 1), -60), (_air.Badge(102, 1), -60)), T + 500);

        p.Datagram(Air.Heartbeat(1, 3, heard: 250, dropped: 4), T + 2000);

        ReceiverHeartbeat beat = p.Bodies<ReceiverHeartbeat>()[1];
        Assert.Equal(2, beat.Reports);
        Assert.Equal(1.0, beat.ReportsPerSecond);
        Assert.Equal(4, beat.Dropped);
        Assert.Equal(T + 2000, p.Roster.Receivers[1].LastHeartbeatMs);
        Assert.Equal(3, p.Roster.Receivers[1].Sequence);
    }

    [Fact]
    public void Presence_records_last_heard_battery_and_counter_of_devices_heard_since_the_last_one()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 10, battery: 55), -60), (Air.IBeacon("e2c56db5dffb48d2b060d0f5a71096e0", 1, 7), -70)), T);

        p.Tick(T + 1000);
        p.Tick(T + 7000);

        Presence presence = Assert.Single(p.Bodies<Presence>());
        Assert.Equal(new[] { new DevicePresence(FrameKind.Badge, 101, T, 55, 10), new DevicePresence(FrameKind.Anchor, 901, T, null, 0) }, presence.Devices);
        Assert.Equal(55, p.Roster.Officers[101].Battery);
        Assert.Equal(T, p.Roster.Anchors[901].LastHeardMs);
    }

    [Fact]
    public void A_device_gone_quiet_ends_in_an_unknown_zone_not_a_ghost()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1), -60), (_air.Badge(104, 1, zone: 2), -60)), T);

        p.Tick(T + 10_000);
        Assert.Equal(2, p.Roster.Officers[104].Zone); // self-located: kept until the zone goes stale
        p.Tick(T + 25_000);

        Assert.Contains(new OfficerZoneChanged(101, 0, 1, false), p.Bodies<OfficerZoneChanged>());
        Assert.Contains(new OfficerZoneChanged(104, 0, 2, true), p.Bodies<OfficerZoneChanged>());
        Assert.Equal(0, p.Roster.Officers[101].Zone);
    }

    [Fact]
    public void A_badge_absent_from_the_exercise_file_is_shown_as_unlisted()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(777, 1, role: OfficerRole.RtfMedic), -60)), T);

        OfficerState o = p.Roster.Officers[777];
        Assert.False(o.Listed);
        Assert.Null(o.Name);
        Assert.Equal(OfficerRole.RtfMedic, o.Role);
    }

    [Fact]
    public void Controller_actions_become_events_and_refusals_say_why()
    {
        var p = new TestPipeline();

        Assert.Null(p.Pipeline.Act(new StartClock(Confirmed: true), T).Refusal);
        Assert.Equal(new Refusal(RefusalReason.Conflict, "the exercise clock is already running"), p.Pipeline.Act(new StartClock(), T + 1).Refusal);
        Assert.Equal(new Refusal(RefusalReason.NotFound, "no zone 99 in the venue"), p.Pipeline.Act(new SetZoneStatus(99, "cold"), T + 2).Refusal);
        Assert.Equal(RefusalReason.Invalid, p.Pipeline.Act(new SetZoneStatus(1, "tepid"), T + 2).Refusal?.Reason);
        ActionOutcome set = p.Pipeline.Act(new SetZoneStatus(1, "warm"), T + 3);
        p.Pipeline.Act(new Annotate("threat-neutralized", "Suspect down in east corridor"), T + 4);
        p.Pipeline.Act(new StopClock(), T + 5);
        p.Take();

        Assert.Equal(new ZoneStatusSet(1, ZoneStatus.Warm, ZoneStatus.Hot), set.Event!.Body);
        Assert.Equal(new DrillClock(T, T + 5), p.Roster.Clock);
        Assert.Equal(Beacons.Venue.ZoneStatus.Warm, p.Roster.Zones[1].Status);
        Assert.Equal("threat-neutralized", Assert.Single(p.Roster.Notes).Type);
    }

    [Fact]
    public void Event_ids_rise_by_one_and_times_never_go_back()
    {
        var p = new TestPipeline();
        p.Pipeline.Open(T);
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1), -60)), T + 1000);
        p.Pipeline.Act(new Annotate("note", "clock stepped back"), T - 5000);
        p.Take();

        Assert.Equal(Enumerable.Range(1, p.Events.Count).Select(i => (long)i), p.Events.Select(e => e.Id));
        Assert.True(p.Events.Zip(p.Events.Skip(1)).All(x => x.First.AtMs <= x.Second.AtMs));
        Assert.IsType<ExerciseOpened>(p.Events[0].Body);
    }
}
