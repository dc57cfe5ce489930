using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;
using static Beacons.Gateway.Tests.Review.ReviewRulesTests;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// Every finding is true of the record (#16): nothing found only where there was something to look at,
/// location glitches make no entries, hot-zone stays or arrivals, and a sped-up drill says so.
/// On the test exercise: 101 contact, 102 rtf-officer, 103 rtf-medic, 104 command; zone 3 is the car
/// park (outside, the CCP), 1 East corridor and 4 Upper hall are hot, 2 Library warm. T0 is at 0 s.
/// </summary>
public class ReviewHonestyTests
{
    private static Presence Heard(double at, params int[] badges) =>
        new(badges.Select(b => new DevicePresence(FrameKind.Badge, b, At(at), 90, 1)).ToList());

    /// <summary>A drill from T0 (0 s) to the stop (600 s) with the given events between.</summary>
    private static DrillReview Drill(params (double At, EventBody Body)[] during) =>
        Fold([.. new[] { (-60.0, (EventBody)new ExerciseOpened(42, "Spring drill", "Test school")), (0, new ClockStarted()) }.Concat(during).OrderBy(e => e.Item1), (600, new ClockStopped())]);

    [Fact]
    public void A_drill_where_no_officer_was_ever_heard_finds_nothing_to_judge_and_says_so()
    {
        DrillReview r = Drill();
        SafetyFindings s = r.Safety;

        Assert.Empty(s.OutOfContact);
        Assert.Equal(new[] { 101, 102, 103, 104 }, s.NotHeard.Select(n => n.Badge));
        Assert.All(s.NotHeard, n => Assert.Null(n.LastHeardMs));
        Assert.Equal(new FindingCoverage(4, 0, 1, 0, 0), s.Coverage);

        // No green "nothing found" anywhere: each empty finding says why it is empty.
        Assert.False(ReviewWording.NoContactGap(s.Coverage).Ok);
        Assert.False(ReviewWording.NoEmergency(s.Coverage).Ok);
        Assert.False(ReviewWording.NoMedicInHotZone(s.Coverage).Ok);
        Assert.False(ReviewWording.NoColourChanged(s.Coverage).Ok);
        string html = ReviewHtml.Render(r, TimeZoneInfo.Utc);
        Assert.DoesNotContain("heard throughout", html);
        Assert.DoesNotContain("class=\"ok\"", html);
        Assert.Contains("No officer was heard during the drill", html);

        // The command line does not count "0 gaps" either.
        string line = ReviewWording.FindingsLine(s);
        Assert.DoesNotContain("0 out-of-contact", line);
        Assert.Contains("contact unknown: 4 officers never heard during the drill", line);
        Assert.Equal(ReviewWording.NoOfficerPlaced, r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).Detail);
    }

    [Fact]
    public void An_officer_heard_only_before_T0_was_not_heard_during_the_drill()
    {
        DrillReview r = Drill(
            (-50, Heard(-50, 101, 102, 103, 104)),
            (30, Heard(30, 102, 103, 104)),
            (300, Heard(300, 102, 103, 104)),
            (580, Heard(580, 102, 103, 104)));

        OfficerNotHeard ruiz = Assert.Single(r.Safety.NotHeard);
        Assert.Equal((101, (long?)At(-50)), (ruiz.Badge, ruiz.LastHeardMs));

        // The others have gaps of 270 s and 280 s; 101's silence is not passed off as a gap from T0.
        Assert.DoesNotContain(r.Safety.OutOfContact, g => g.Badge == 101);
        Assert.Equal(6, r.Safety.OutOfContact.Count);
        Assert.Equal(3, r.Safety.Coverage.OfficersHeard);
        Assert.False(ReviewWording.NoContactGap(r.Safety.Coverage).Ok);
        Assert.Contains("before T0 (-0:50)", ReviewHtml.Render(r, TimeZoneInfo.Utc));
        Assert.Contains("1 officer not heard during the drill", ReviewWording.FindingsLine(r.Safety));
    }

    [Fact]
    public void Officers_heard_with_gaps_have_their_gaps_and_only_everyone_heard_throughout_is_green()
    {
        var presence = new List<(double, EventBody)>();
        for (int t = 0; t <= 600; t += 5)
        {
            // 102 is silent from +100 to +200: one 100 s gap.
            presence.Add((t, t is > 100 and < 200 ? Heard(t, 101, 103, 104) : Heard(t, 101, 102, 103, 104)));
        }

        DrillReview withGap = Drill([.. presence]);
        ContactGap gap = Assert.Single(withGap.Safety.OutOfContact);
        Assert.Equal((102, At(100), (long?)At(200)), (gap.Badge, gap.FromMs, gap.ToMs));
        Assert.Empty(withGap.Safety.NotHeard);

        DrillReview throughout = Drill([.. Enumerable.Range(0, 121).Select(i => ((double)i * 5, (EventBody)Heard(i * 5, 101, 102, 103, 104)))]);
        Assert.Empty(throughout.Safety.OutOfContact);
        ReviewWording.Verdict verdict = ReviewWording.NoContactGap(throughout.Safety.Coverage);
        Assert.True(verdict.Ok);
        Assert.Equal("Every officer was heard throughout.", verdict.Text);
    }

    [Fact]
    public void The_incident_commander_glitching_into_a_hot_zone_for_4_s_makes_no_entry()
    {
        DrillReview r = Drill(
            (-55, new OfficerZoneChanged(104, 3, 0, false)),   // at the command post in the car park
            (210, new OfficerZoneChanged(104, 4, 3, false)),   // a glitch: Upper hall, hot
            (214, new OfficerZoneChanged(104, 3, 4, false)));

        OfficerReview ic = r.Officers.Single(o => o.Badge == 104);
        Assert.Null(ic.FirstEntryMs);
        Assert.Equal(new[] { new ZoneSpan(At(0), At(600), 3, ZoneStatus.Cold) }, ic.Track);
        Assert.Equal(0, ic.HotMs);
        Assert.Null(r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry).AtMs);
        Assert.DoesNotContain(r.Timeline, t => t.Kind == "officer-entered");
        Assert.Contains(r.Drill.Remarks, m => m.Contains("1 stay in a zone shorter than 10 s"));
    }

    [Fact]
    public void An_officer_whose_real_entry_follows_an_early_glitch_gets_the_real_entry_time()
    {
        DrillReview r = Drill(
            (-55, new OfficerZoneChanged(101, 3, 0, false)),
            (30, new OfficerZoneChanged(101, 1, 3, false)),    // 3 s in East corridor: a glitch
            (33, new OfficerZoneChanged(101, 3, 1, false)),
            (250, new OfficerZoneChanged(101, 1, 3, false)));  // the real entry

        Assert.Equal(At(250), r.Officers.Single(o => o.Badge == 101).FirstEntryMs);
        KeyTime entry = r.KeyTimes.Single(k => k.Id == KeyTimeIds.FirstOfficerEntry);
        Assert.Equal(250_000, entry.SinceT0Ms);
        Assert.Equal("Sgt. A. Ruiz (contact) entered East corridor", entry.Detail);
    }

    [Fact]
    public void A_medic_glitching_into_a_hot_zone_is_no_finding_but_a_real_stay_is()
    {
        DrillReview glitch = Drill(
            (-55, new OfficerZoneChanged(103, 3, 0, false)),
            (100, new OfficerZoneChanged(103, 1, 3, false)),
            (105, new OfficerZoneChanged(103, 3, 1, false)));
        Assert.Empty(glitch.Safety.MedicsInHotZones);
        Assert.True(ReviewWording.NoMedicInHotZone(glitch.Safety.Coverage).Ok);

        DrillReview stay = Drill(
            (-55, new OfficerZoneChanged(103, 3, 0, false)),
            (100, new OfficerZoneChanged(103, 1, 3, false)),
            (160, new OfficerZoneChanged(103, 3, 1, false)));
        HotZoneEntry hot = Assert.Single(stay.Safety.MedicsInHotZones);
        Assert.Equal((At(100), At(160)), (hot.FromMs, hot.ToMs));
    }

    [Fact]
    public void A_casualty_glitching_into_the_CCP_has_not_arrived()
    {
        DrillReview r = Drill(
            (-52, new CasualtySeen(501)),
            (-52, new CasualtyZoneChanged(501, 1, 0)),
            (200, new CasualtyZoneChanged(501, 3, 1)),    // 6 s "at the CCP"
            (206, new CasualtyZoneChanged(501, 1, 3)),
            (400, new CasualtyZoneChanged(501, 3, 1)));   // carried out for real

        Assert.Equal(At(400), r.Casualties.Single(c => c.Tag == 501).ReachedCcpMs);
        Assert.Equal(new[] { At(400) }, r.Timeline.Where(t => t.Kind == "at-ccp").Select(t => t.AtMs));
    }

    [Fact]
    public void A_sped_up_drill_says_its_times_are_compressed_and_compares_none_with_the_references()
    {
        DrillReview r = Fold(
            (-60, new ExerciseOpened(42, "Spring drill", "Test school", 10)),
            (0, new ClockStarted()),
            (10, new CasualtySeen(501)),
            (20, new CasualtyZoneChanged(501, 3, 0)),
            (30, new Annotation("unified-command", "")),
            (152, new ClockStopped()));

        Assert.Equal(10, r.Drill.Speed);
        Assert.Contains(r.Drill.Remarks, m => m.Contains("compressed 10×"));
        Assert.All(r.References, c => Assert.Null(c.DrillMinutes));
        Assert.NotNull(r.KeyTimes.Single(k => k.Id == KeyTimeIds.UnifiedCommand).AtMs);
        string html = System.Net.WebUtility.HtmlDecode(ReviewHtml.Render(r, TimeZoneInfo.Utc));
        Assert.Contains("compressed 10×: a simulation of about 25 min 20 s of drill time", html);
        Assert.Contains("not compared: times compressed 10×", html);

        // A real drill (and a record from before speed was kept) is at 1× and compared.
        DrillReview real = Fold((-60, new ExerciseOpened(42, "Spring drill", "Test school")), (0, new ClockStarted()), (30, new Annotation("unified-command", "")), (152, new ClockStopped()));
        Assert.Equal(1, real.Drill.Speed);
        Assert.Equal(0.5, real.References.Single(c => c.KeyTime == KeyTimeIds.UnifiedCommand).DrillMinutes);
    }

    [Fact]
    public void The_speed_is_kept_in_exercise_opened_only_when_the_drill_was_sped_up()
    {
        Assert.DoesNotContain("speed", EventJson.BodyToJson(new ExerciseOpened(42, "Spring drill", "Test school")));
        Assert.Contains("\"speed\":10", EventJson.BodyToJson(new ExerciseOpened(42, "Spring drill", "Test school", 10)));
        var old = (ExerciseOpened)EventJson.BodyFromJson("exercise-opened", """{"exerciseId":42,"exerciseName":"Spring drill","venueName":"Test school"}""")!;
        Assert.Null(old.Speed);

        // The demo's --speed reaches the record through the pipeline's settings.
        Beacons.Venue.Venue venue = TestDrill.Venue();
        Exercise exercise = TestDrill.Exercise();
        var pipeline = new DrillPipeline(venue, exercise, new PipelineSettings { Speed = 10 }, new IngestCounters(), RosterFold.Initial(venue, exercise));
        pipeline.Open(At(0));
        Assert.Equal(10, Assert.IsType<ExerciseOpened>(Assert.Single(pipeline.TakePending()).Body).Speed);
    }
}
