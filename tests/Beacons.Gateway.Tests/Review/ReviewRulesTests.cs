using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>The review's rules one at a time, each on a few events written by hand (times in seconds from the first event).</summary>
public class ReviewRulesTests
{
    private const long Base = 1_700_000_000_000;

    private static long At(double seconds) => Base + (long)(seconds * 1000);

    private static DrillReview Fold(ReviewSettings? settings, params (double At, EventBody Body)[] events) =>
        ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), events.Select((e, i) => new DrillEvent(i + 1, At(e.At), e.Body)), settings);

    private static DrillReview Fold(params (double At, EventBody Body)[] events) => Fold(null, events);

    [Fact]
    public void Without_a_clock_start_the_drill_counts_from_the_first_event_and_says_so()
    {
        DrillReview r = Fold(
            (0, new ExerciseOpened(42, "Spring drill", "Test school")),
            (10, new OfficerZoneChanged(101, 1, 0, false)),
            (40, new Annotation("threat-neutralized", "down")));

        Assert.False(r.Drill.ClockStarted);
        Assert.Equal(0, r.Drill.Run);
        Assert.Equal(At(0), r.Drill.T0Ms);
        Assert.Equal(At(40), r.Drill.EndMs);
        Assert.Equal(3, r.Drill.Events);
        Assert.Contains(r.Drill.Remarks, m => m.Contains("never started"));
        Assert.Equal(10_000, r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).SinceT0Ms);
        Assert.Equal(40_000, r.KeyTimes.Single(k => k.Id == KeyTimeIds.ThreatNeutralized).SinceT0Ms);
    }

    [Fact]
    public void A_clock_not_stopped_ends_the_drill_at_the_last_event()
    {
        DrillReview r = Fold((0, new ClockStarted()), (10, new OfficerZoneChanged(101, 1, 0, false)), (95, new Annotation("note", "last")));

        Assert.False(r.Drill.ClockStopped);
        Assert.Equal(At(95), r.Drill.EndMs);
        Assert.Contains(r.Drill.Remarks, m => m.Contains("not stopped"));

        // 101's track runs to the end: +10..+95 in East corridor, hot.
        Assert.Equal(new[] { new ZoneSpan(At(10), At(95), 1, ZoneStatus.Hot) }, r.Officers.Single(o => o.Badge == 101).Track);
    }

    [Fact]
    public void Several_clock_starts_review_the_last_unless_a_run_is_picked()
    {
        (double, EventBody)[] events =
        [
            (0, new ClockStarted()),                              // run 1: T0 = 0
            (20, new OfficerZoneChanged(101, 1, 0, false)),        // run 1: entry at +20
            (30, new ClockStopped()),
            (100, new ClockStarted()),                            // run 2: T0 = 100
            (130, new OfficerZoneChanged(102, 2, 0, false)),       // run 2: entry at +30
            (160, new ClockStopped()),
        ];

        DrillReview last = Fold(events);
        Assert.Equal((2, 2, At(100), At(160)), (last.Drill.Run, last.Drill.Runs, last.Drill.T0Ms, last.Drill.EndMs));
        Assert.Equal("Ofc. B. Lee (rtf-officer) entered Library", last.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).Detail);
        Assert.Equal(30_000, last.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).SinceT0Ms);
        Assert.Contains(last.Drill.Remarks, m => m.Contains("started 2 times"));

        // 101 stayed in East corridor from run 1: placed there from T0 of run 2.
        Assert.Equal(new[] { new ZoneSpan(At(100), At(160), 1, ZoneStatus.Hot) }, last.Officers.Single(o => o.Badge == 101).Track);

        DrillReview first = Fold(new ReviewSettings { Run = 1 }, events);
        Assert.Equal((1, At(0), At(30)), (first.Drill.Run, first.Drill.T0Ms, first.Drill.EndMs));
        Assert.Equal(20_000, first.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).SinceT0Ms);
        Assert.Empty(first.Officers.Single(o => o.Badge == 102).Track);

        ReviewException e = Assert.Throws<ReviewException>(() => Fold(new ReviewSettings { Run = 3 }, events));
        Assert.Contains("there is no run 3", e.Message);
    }

    [Fact]
    public void An_empty_record_cannot_be_reviewed()
    {
        Assert.Throws<ReviewException>(() => Fold());
    }

    [Fact]
    public void Casualties_left_untagged_or_away_from_the_CCP_keep_all_tagged_and_all_at_CCP_open()
    {
        DrillReview r = Fold(
            (0, new CasualtySeen(501)),
            (0, new CasualtySeen(502)),
            (0, new CasualtySeen(503)),
            (1, new ClockStarted()),
            (50, new TagChanged(501, TriageColour.Black, true, 1, At(50))),
            (60, new TagChanged(502, TriageColour.Yellow, true, 1, At(60))),
            (90, new CasualtyZoneChanged(502, 3, 0)),
            (100, new ClockStopped()));

        // 503 was never tagged: 2 of 3. 501 is black (stays in place); 503 never reached the CCP: 1 of 2.
        KeyTime allTagged = r.KeyTimes.Single(k => k.Id == KeyTimeIds.AllCasualtiesTagged);
        Assert.Null(allTagged.AtMs);
        Assert.Equal("2 of 3 casualties tagged", allTagged.Detail);
        KeyTime allAtCcp = r.KeyTimes.Single(k => k.Id == KeyTimeIds.AllCasualtiesAtCcp);
        Assert.Null(allAtCcp.AtMs);
        Assert.Equal("1 of 2 casualties (black excluded) at the CCP", allAtCcp.Detail);
        Assert.Equal(89_000, r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstCasualtyAtCcp).SinceT0Ms);

        // Key times not reached come last.
        Assert.Equal(KeyTimeIds.AllCasualtiesAtCcp, r.KeyTimes[^1].Id);
        Assert.Null(r.References.Single(x => x.KeyTime == KeyTimeIds.AllCasualtiesAtCcp).DrillMinutes);
    }

    [Fact]
    public void Black_casualties_do_not_hold_up_all_at_the_CCP()
    {
        DrillReview r = Fold(
            (0, new CasualtySeen(501)),
            (0, new CasualtySeen(502)),
            (1, new ClockStarted()),
            (10, new TagChanged(501, TriageColour.Black, true, 1, At(10))),
            (20, new TagChanged(502, TriageColour.Red, true, 1, At(20))),
            (80, new CasualtyZoneChanged(502, 3, 0)),
            (100, new ClockStopped()));

        // 503 is listed but never heard: not a casualty of this drill. 502 red at +19, at the CCP at +79: 60 s.
        KeyTime allAtCcp = r.KeyTimes.Single(k => k.Id == KeyTimeIds.AllCasualtiesAtCcp);
        Assert.Equal(79_000, allAtCcp.SinceT0Ms);
        Assert.Equal("1 casualty (black excluded); the last: Casualty 2", allAtCcp.Detail);
        Assert.False(r.Casualties.Single(c => c.Tag == 503).Heard);
        Assert.Equal(60_000, r.Casualties.Single(c => c.Tag == 502).RedToCcpMs);
    }

    [Fact]
    public void An_RTF_member_inside_a_zone_that_becomes_warm_is_the_first_RTF_in_a_warm_zone()
    {
        DrillReview r = Fold(
            (0, new ClockStarted()),
            (10, new OfficerZoneChanged(103, 1, 0, false)),    // medic into East corridor, hot
            (70, new ZoneStatusSet(1, ZoneStatus.Warm, ZoneStatus.Hot)),         // now warm, with the medic inside
            (100, new ClockStopped()));

        KeyTime rtf = r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstRtfInWarmZone);
        Assert.Equal(70_000, rtf.SinceT0Ms);
        Assert.Equal("Medic C. Diaz (rtf-medic) in East corridor", rtf.Detail);
        Assert.Equal(new HotZoneEntry(103, "Medic C. Diaz", OfficerRole.RtfMedic, 1, "East corridor", At(10), At(70), 60_000, false), Assert.Single(r.Safety.MedicsInHotZones));
    }

    [Fact]
    public void A_medic_still_in_a_hot_zone_at_the_end_is_marked_so()
    {
        DrillReview r = Fold(
            (0, new ClockStarted()),
            (40, new OfficerZoneChanged(103, 4, 0, false)),     // Upper hall, hot throughout
            (100, new ClockStopped()));

        Assert.Equal(new HotZoneEntry(103, "Medic C. Diaz", OfficerRole.RtfMedic, 4, "Upper hall", At(40), At(100), 60_000, true), Assert.Single(r.Safety.MedicsInHotZones));
    }

    [Fact]
    public void An_emergency_nobody_reached_has_no_response_and_an_evaluator_does_not_count()
    {
        DrillReview r = Fold(
            (0, new OfficerSeen(110, OfficerRole.Evaluator)),
            (0, new OfficerZoneChanged(110, 4, 0, false)),      // an evaluator (not listed) watching in the Upper hall
            (1, new ClockStarted()),
            (10, new OfficerZoneChanged(101, 4, 0, false)),
            (20, new Emergency(101, true)),
            (100, new ClockStopped()));

        EmergencyResponse e = Assert.Single(r.Safety.Emergencies);
        Assert.Equal((4, "Upper hall", At(20), (long?)null, (long?)null, (int?)null, (long?)null), (e.Zone, e.ZoneName, e.AtMs, e.ClearedAtMs, e.ReachedAtMs, e.ReachedBy, e.ResponseMs));
        Assert.Equal(OfficerRole.Evaluator, r.Officers.Single(o => o.Badge == 110).Role);
        Assert.False(r.Officers.Single(o => o.Badge == 110).Listed);
    }

    [Fact]
    public void A_gap_shorter_than_the_threshold_counts_when_the_gateway_alerted_on_it()
    {
        DrillReview r = Fold(
            new ReviewSettings { OutOfContactMs = 60_000 },
            (0, new ClockStarted()),
            (5, new Presence([new DevicePresence(FrameKind.Badge, 101, At(5), null, 1)])),
            (40, new AlertRaised(AlertType.OfficerSilent, 101, null, null, null, "silent")),   // the gateway ran with --officer-silent 30
            (50, new Presence([new DevicePresence(FrameKind.Badge, 101, At(50), null, 2)])),  // heard again: a 45 s gap
            (55, new Presence([new DevicePresence(FrameKind.Badge, 102, At(55), null, 1)])),
            (200, new Presence([new DevicePresence(FrameKind.Badge, 102, At(110), null, 2)])), // 55 s gap, no alert: not a finding
            (200, new ClockStopped()));

        // 101: +5..+50 with the alert (event 3). 101 again: last heard +50, end +200: 150 s open. 102: last +110, end +200: 90 s open.
        Assert.Equal(
            new[]
            {
                new ContactGap(101, "Sgt. A. Ruiz", OfficerRole.Contact, 0, "unknown zone", At(5), At(50), 45_000, 3),
                new ContactGap(101, "Sgt. A. Ruiz", OfficerRole.Contact, 0, "unknown zone", At(50), null, 150_000, null),
                new ContactGap(102, "Ofc. B. Lee", OfficerRole.RtfOfficer, 0, "unknown zone", At(110), null, 90_000, null),
            },
            r.Safety.OutOfContact);
    }

    [Fact]
    public void Only_the_silence_inside_the_drill_counts()
    {
        DrillReview r = Fold(
            (0, new Presence([new DevicePresence(FrameKind.Badge, 101, At(0), null, 1), new DevicePresence(FrameKind.Badge, 102, At(0), null, 1)])),
            (61, new AlertRaised(AlertType.OfficerSilent, 101, null, null, null, "before T0")),  // raised before the drill: does not force a finding
            (100, new ClockStarted()),
            (140, new Presence([new DevicePresence(FrameKind.Badge, 101, At(140), null, 2)])),  // 140 s silent, 40 s of it in the drill: no
            (175, new Presence([new DevicePresence(FrameKind.Badge, 102, At(175), null, 2)])),  // 175 s silent, 75 s in the drill: yes, from T0
            (190, new ClockStopped()));                                                // 101 silent 50 s at the end, 102 15 s: no

        ContactGap gap = Assert.Single(r.Safety.OutOfContact);
        Assert.Equal(new ContactGap(102, "Ofc. B. Lee", OfficerRole.RtfOfficer, 0, "unknown zone", At(100), At(175), 75_000, null), gap);
    }

    [Fact]
    public void A_longer_out_of_contact_threshold_finds_fewer_gaps()
    {
        (double, EventBody)[] events =
        [
            (0, new ClockStarted()),
            (5, new Presence([new DevicePresence(FrameKind.Badge, 101, At(5), null, 1)])),
            (95, new Presence([new DevicePresence(FrameKind.Badge, 101, At(95), null, 2)])), // 90 s
            (100, new ClockStopped()),
        ];

        Assert.Single(Fold(new ReviewSettings { OutOfContactMs = 60_000 }, events).Safety.OutOfContact);
        Assert.Empty(Fold(new ReviewSettings { OutOfContactMs = 120_000 }, events).Safety.OutOfContact);
    }
}
