using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// The review of <see cref="ScriptedDrill"/>, every figure worked out by hand from the script (its
/// comment has the story; the expected values here say how each was derived).
/// </summary>
public class ReviewFoldTests
{
    private static readonly DrillReview Review = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), ScriptedDrill.Events());

    private static long S(double seconds) => (long)(seconds * 1000);

    private static long At(double since) => ScriptedDrill.At(since);

    [Fact]
    public void The_drill_runs_from_clock_started_to_clock_stopped()
    {
        DrillSummary d = Review.Drill;
        Assert.Equal(ScriptedDrill.T0, d.T0Ms);
        Assert.Equal(At(720), d.EndMs);
        Assert.Equal(S(720), d.DurationMs);
        Assert.True(d.ClockStarted);
        Assert.True(d.ClockStopped);
        Assert.Equal(1, d.Run);
        Assert.Equal(1, d.Runs);

        // 27 scripted events from +0 to +720 (both included) and 24 presence events (+0, +30 ... +690).
        Assert.Equal(27 + 24, d.Events);
        Assert.Equal(42, d.ExerciseId);
        Assert.Equal("Spring drill", d.ExerciseName);
        Assert.Equal("Test school", d.VenueName);
        Assert.Empty(d.Remarks);
    }

    [Fact]
    public void Key_times_count_from_T0()
    {
        // In time order: +30, +90, +100, +152, +180, +420, +480, +660. unified-command is there because it was
        // annotated; rtf-assembled was not, so it is absent.
        Assert.Equal(
            new[]
            {
                KeyTimeIds.FirstOfficerEntry, KeyTimeIds.FirstRtfInWarmZone, KeyTimeIds.UnifiedCommand, KeyTimeIds.FirstCasualtyTagged,
                KeyTimeIds.ThreatNeutralized, KeyTimeIds.FirstCasualtyAtCcp, KeyTimeIds.AllCasualtiesTagged, KeyTimeIds.AllCasualtiesAtCcp,
            },
            Review.KeyTimes.Select(k => k.Id));

        AssertKey(KeyTimeIds.UnifiedCommand, 100, "Command post at the car park");

        // The first zone change into a zone that is not outside: 101 into East corridor at +30.
        AssertKey(KeyTimeIds.FirstOfficerEntry, 30, "Sgt. A. Ruiz (contact) entered East corridor");
        AssertKey(KeyTimeIds.ThreatNeutralized, 180, "Suspect down in upper hall");

        // 102 (rtf-officer) walked into the Library, warm from the start, at +90.
        AssertKey(KeyTimeIds.FirstRtfInWarmZone, 90, "Ofc. B. Lee (rtf-officer) in Library");

        // 501's red was committed at +152 by the tag's clock (heard at +155); 502 at +250, 503 at +480.
        AssertKey(KeyTimeIds.FirstCasualtyTagged, 152, "Casualty 1: red");
        AssertKey(KeyTimeIds.AllCasualtiesTagged, 480, "3 casualties; the last: Tag 503");

        // CCP arrivals: 501 +420, 502 +600, 503 +660; nobody black, so all three count.
        AssertKey(KeyTimeIds.FirstCasualtyAtCcp, 420, "Casualty 1");
        AssertKey(KeyTimeIds.AllCasualtiesAtCcp, 660, "3 casualties (black excluded); the last: Tag 503");
    }

    [Fact]
    public void Key_times_stand_beside_the_reference_medians()
    {
        Assert.Equal(5, Review.References.Count);
        AssertReference("Dispatch to unified command", 4.1, KeyTimeIds.UnifiedCommand, 1.7);   // 100 s = 1.67 min
        AssertReference("RTF assembled", 9.4, KeyTimeIds.RtfAssembled, null);                  // never annotated
        AssertReference("First victim contact", 11.9, KeyTimeIds.FirstCasualtyTagged, 2.5);    // 152 s = 2.53 min
        AssertReference("First victim at the CCP", 16.6, KeyTimeIds.FirstCasualtyAtCcp, 7.0);  // 420 s
        AssertReference("All victims ready for evacuation", 21.6, KeyTimeIds.AllCasualtiesAtCcp, 11.0); // 660 s
    }

    [Fact]
    public void Each_zone_has_its_status_changes_and_spans()
    {
        ZoneReview corridor = Zone(1);
        Assert.Equal(ZoneStatus.Hot, corridor.StatusAtT0);
        Assert.Equal(new[] { new StatusChange(At(200), ZoneStatus.Warm, ZoneStatus.Hot) }, corridor.Changes);
        Assert.Equal(new[] { new StatusSpan(At(0), At(200), ZoneStatus.Hot), new StatusSpan(At(200), At(720), ZoneStatus.Warm) }, corridor.Spans);
        Assert.Equal(At(200), corridor.ClearedAtMs);
        Assert.Null(corridor.ColdAtMs);

        // Warm from the start: never "cleared" from hot, set cold at +540.
        ZoneReview library = Zone(2);
        Assert.Equal(ZoneStatus.Warm, library.StatusAtT0);
        Assert.Equal(new[] { new StatusChange(At(540), ZoneStatus.Cold, ZoneStatus.Warm) }, library.Changes);
        Assert.Null(library.ClearedAtMs);
        Assert.Equal(At(540), library.ColdAtMs);

        ZoneReview carPark = Zone(3);
        Assert.True(carPark.Ccp);
        Assert.True(carPark.Outside);
        Assert.Empty(carPark.Changes);
        Assert.Equal(new[] { new StatusSpan(At(0), At(720), ZoneStatus.Cold) }, carPark.Spans);

        ZoneReview upper = Zone(4);
        Assert.Equal(ZoneStatus.Hot, upper.StatusAtT0);
        Assert.Equal(At(450), upper.ClearedAtMs);
    }

    [Fact]
    public void Each_officer_has_a_zone_track_coloured_by_the_zone_status_then()
    {
        Assert.Equal(new[] { 101, 102, 103, 104 }, Review.Officers.Select(o => o.Badge)); // 105 was first heard after the end

        // 101: car park +0..+30, corridor hot +30..+200, corridor warm (status change) +200..+300, Library warm +300..+540,
        // Library cold +540..+720. Its move at +755 (after the stop) does not count.
        OfficerReview ruiz = Officer(101);
        Assert.Equal(
            new[]
            {
                new ZoneSpan(At(0), At(30), 3, ZoneStatus.Cold), new ZoneSpan(At(30), At(200), 1, ZoneStatus.Hot), new ZoneSpan(At(200), At(300), 1, ZoneStatus.Warm),
                new ZoneSpan(At(300), At(540), 2, ZoneStatus.Warm), new ZoneSpan(At(540), At(720), 2, ZoneStatus.Cold),
            },
            ruiz.Track);
        Assert.Equal(At(30), ruiz.FirstEntryMs);
        Assert.Equal(S(170), ruiz.HotMs);          // 200-30
        Assert.Equal(S(100 + 240), ruiz.WarmMs);   // 300-200, 540-300
        Assert.Equal(S(30 + 180), ruiz.ColdMs);    // 30-0, 720-540
        Assert.Equal(0, ruiz.UnknownMs);

        // 102: car park +0..+90, Library warm +90..+540, cold +540..+680, unknown +680..+720.
        OfficerReview lee = Officer(102);
        Assert.Equal(
            new[]
            {
                new ZoneSpan(At(0), At(90), 3, ZoneStatus.Cold), new ZoneSpan(At(90), At(540), 2, ZoneStatus.Warm), new ZoneSpan(At(540), At(680), 2, ZoneStatus.Cold),
                new ZoneSpan(At(680), At(720), 0, null),
            },
            lee.Track);
        Assert.Equal((0L, S(450), S(90 + 140), S(40)), (lee.HotMs, lee.WarmMs, lee.ColdMs, lee.UnknownMs));

        // 103: car park +0..+120, corridor hot +120..+200, corridor warm +200..+500, Upper hall (warm since +450) +500..+720.
        OfficerReview diaz = Officer(103);
        Assert.Equal(4, diaz.Track.Count);
        Assert.Equal(new ZoneSpan(At(500), At(720), 4, ZoneStatus.Warm), diaz.Track[3]);
        Assert.Equal((S(80), S(300 + 220), S(120), 0L), (diaz.HotMs, diaz.WarmMs, diaz.ColdMs, diaz.UnknownMs));
        Assert.Equal(At(120), diaz.FirstEntryMs);

        // 104 stayed in the car park (outside): no entry.
        OfficerReview okafor = Officer(104);
        Assert.Equal(new[] { new ZoneSpan(At(0), At(720), 3, ZoneStatus.Cold) }, okafor.Track);
        Assert.Null(okafor.FirstEntryMs);
        Assert.Equal(OfficerRole.Command, okafor.Role);
        Assert.True(okafor.Heard && okafor.Listed);
    }

    [Fact]
    public void Each_casualty_has_its_triage_history_and_path_to_the_CCP()
    {
        Assert.Equal(new[] { 501, 502, 503 }, Review.Casualties.Select(c => c.Tag));

        CasualtyReview one = Casualty(501);
        Assert.Equal(TriageColour.Untagged, one.ColourAtT0);
        Assert.Equal(
            new[] { new TriageStep(At(150), TriageColour.Red, false, 0, At(150)), new TriageStep(At(155), TriageColour.Red, true, 1, At(152)) },
            one.Triage);
        // In East corridor (hot, warm from +200), carried into the Library at +360, into the CCP at +420.
        Assert.Equal(
            new[]
            {
                new ZoneSpan(At(0), At(200), 1, ZoneStatus.Hot), new ZoneSpan(At(200), At(360), 1, ZoneStatus.Warm), new ZoneSpan(At(360), At(420), 2, ZoneStatus.Warm),
                new ZoneSpan(At(420), At(720), 3, ZoneStatus.Cold),
            },
            one.Path);

        // Red committed at +152 (tag's time), at the CCP at +420: 420-152 = 268 s.
        Assert.Equal((At(152), TriageColour.Red, At(152), At(420), S(268)), (one.TaggedMs, one.FirstColour, one.RedMs, one.ReachedCcpMs, one.RedToCcpMs));

        // 502: yellow at +250, red at +330 (a change after commit), at the CCP +600: 600-330 = 270 s from red.
        CasualtyReview two = Casualty(502);
        Assert.Equal(2, two.Triage.Count);
        Assert.Equal((At(250), TriageColour.Yellow, At(330), At(600), S(270)), (two.TaggedMs, two.FirstColour, two.RedMs, two.ReachedCcpMs, two.RedToCcpMs));
        Assert.Equal((TriageColour.Red, true, 2), (two.Colour, two.Committed, two.Changes));

        // 503: green at +480, at the CCP +660. Re-committed black after the stop: still green here.
        CasualtyReview three = Casualty(503);
        Assert.Equal("Tag 503", three.Label);
        Assert.Equal((At(480), TriageColour.Green, (long?)null, At(660), (long?)null), (three.TaggedMs, three.FirstColour, three.RedMs, three.ReachedCcpMs, three.RedToCcpMs));
        Assert.Equal((TriageColour.Green, true, 1), (three.Colour, three.Committed, three.Changes));
        Assert.Single(three.Triage);

        // In the Library (warm, cold from +540), into the CCP at +660.
        Assert.Equal(
            new[] { new ZoneSpan(At(0), At(540), 2, ZoneStatus.Warm), new ZoneSpan(At(540), At(660), 2, ZoneStatus.Cold), new ZoneSpan(At(660), At(720), 3, ZoneStatus.Cold) },
            three.Path);
    }

    [Fact]
    public void Upper_hall_path_changes_colour_when_the_zone_is_cleared()
    {
        // 502 lay in the Upper hall: hot until +450, then warm; the path piece splits there.
        Assert.Equal(
            new[] { new ZoneSpan(At(0), At(450), 4, ZoneStatus.Hot), new ZoneSpan(At(450), At(600), 4, ZoneStatus.Warm), new ZoneSpan(At(600), At(720), 3, ZoneStatus.Cold) },
            Casualty(502).Path);
    }

    [Fact]
    public void A_medic_inside_a_hot_zone_is_a_finding()
    {
        // 103 entered East corridor at +120 while hot; it became warm at +200: 80 s. Nobody else of role rtf-medic.
        HotZoneEntry entry = Assert.Single(Review.Safety.MedicsInHotZones);
        Assert.Equal(new HotZoneEntry(103, "Medic C. Diaz", OfficerRole.RtfMedic, 1, "East corridor", At(120), At(200), S(80), false), entry);
    }

    [Fact]
    public void Emergencies_say_how_long_until_another_officer_reached_the_zone()
    {
        Assert.Equal(
            new[]
            {
                // 102 in the Library at +240, alone; 101 walked in at +300: 60 s. Ended at +320.
                new EmergencyResponse(102, "Ofc. B. Lee", 2, "Library", At(240), At(320), At(300), 101, "Sgt. A. Ruiz", S(60), false),

                // 101 in the Library at +400, where 102 already was: 0 s. Ended at +410.
                new EmergencyResponse(101, "Sgt. A. Ruiz", 2, "Library", At(400), At(410), At(400), 102, "Ofc. B. Lee", 0, true),
            },
            Review.Safety.Emergencies);
    }

    [Fact]
    public void Officers_out_of_contact_come_from_the_gaps_in_presence()
    {
        long alert = ScriptedDrill.Events().Single(e => e.Body is AlertRaised).Id;
        Assert.Equal(
            new[]
            {
                // 104 heard at +120, then not until +270: 150 s; the officer-silent alert at +180 belongs to it.
                new ContactGap(104, "Lt. D. Okafor", OfficerRole.Command, 3, "Car park", At(120), At(270), S(150), alert),

                // 102 last heard at +630; the drill ended at +720 without hearing it again: 90 s, still open.
                new ContactGap(102, "Ofc. B. Lee", OfficerRole.RtfOfficer, 2, "Library", At(630), null, S(90), null),
            },
            Review.Safety.OutOfContact);
    }

    [Fact]
    public void A_committed_colour_changed_is_a_finding_but_not_after_the_drill()
    {
        // 502 yellow -> red at +330 (2nd commit). 503's black at +760 came after the stop.
        ColourChange change = Assert.Single(Review.Safety.ColoursChangedAfterCommit);
        Assert.Equal(new ColourChange(502, "Casualty 2", At(330), TriageColour.Yellow, TriageColour.Red, 2), change);
    }

    [Fact]
    public void The_timeline_holds_the_drill_minute_by_minute_and_nothing_outside_it()
    {
        Assert.Equal(
            new (double, string)[]
            {
                (0, "clock-started"), (30, "officer-entered"), (90, "officer-entered"), (100, "annotation"), (120, "officer-entered"),
                (152, "tagged"), (180, "annotation"), (180, "alert"), (200, "zone-status"), (240, "emergency"), (250, "tagged"),
                (320, "emergency-ended"), (330, "colour-changed"), (400, "emergency"), (410, "emergency-ended"), (420, "at-ccp"),
                (450, "zone-status"), (480, "tagged"), (540, "zone-status"), (600, "at-ccp"), (660, "at-ccp"), (720, "clock-stopped"),
            },
            Review.Timeline.Select(t => (t.SinceT0Ms / 1000.0, t.Kind)));
        Assert.All(Review.Timeline, t => Assert.Equal(t.AtMs - ScriptedDrill.T0, t.SinceT0Ms));
        Assert.Equal("East corridor: hot to warm", Review.Timeline.Single(t => t.SinceT0Ms == S(200)).Text);
        Assert.Equal("Casualty 2 changed from yellow to red", Review.Timeline.Single(t => t.Kind == "colour-changed").Text);
        Assert.DoesNotContain(Review.Timeline, t => t.Text.Contains("briefing") || t.Text.Contains("After the stop"));
    }

    [Fact]
    public void The_review_survives_its_json_form()
    {
        string json = ReviewJson.Serialize(Review);
        DrillReview again = ReviewJson.Deserialize(json)!;
        Assert.Equal(json, ReviewJson.Serialize(again));
        Assert.Contains("\"keyTimes\":[", json);
        Assert.Contains("\"sinceT0Ms\":30000", json);
    }

    private static void AssertKey(string id, double since, string detail)
    {
        KeyTime k = Review.KeyTimes.Single(k => k.Id == id);
        Assert.Equal(At(since), k.AtMs);
        Assert.Equal(S(since), k.SinceT0Ms);
        Assert.Equal(detail, k.Detail);
    }

    private static void AssertReference(string measure, double median, string keyTime, double? drillMinutes)
    {
        ReferenceComparison r = Review.References.Single(r => r.Measure == measure);
        Assert.Equal(median, r.ReferenceMinutes);
        Assert.Equal(keyTime, r.KeyTime);
        Assert.Equal(drillMinutes, r.DrillMinutes);
    }

    private static ZoneReview Zone(int id) => Review.Zones.Single(z => z.Id == id);

    private static OfficerReview Officer(int badge) => Review.Officers.Single(o => o.Badge == badge);

    private static CasualtyReview Casualty(int tag) => Review.Casualties.Single(c => c.Tag == tag);
}
