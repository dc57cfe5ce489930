using Beacons.ZoneEval;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

/// <summary>The zone evaluation tool's reading of the UCI files and its scoring, on small inline data.</summary>
public class ZoneEvalTests
{
    // Two zones side by side: west A-B, east C-D, rows 1-3. One beacon in each.
    private const string MapJson = """
        {
          "columns": "ABCD",
          "zones": [
            { "id": "west", "columns": "A-B", "rows": "1-3" },
            { "id": "east", "columns": "C-D", "rows": "1-3" }
          ],
          "beacons": { "b1": "A02", "b2": "D02" },
          "not_heard": -200
        }
        """;

    private static ZoneMap Map() => ZoneMap.Parse(MapJson);

    [Fact]
    public void Zone_map_places_cells_and_beacons()
    {
        ZoneMap map = Map();
        Assert.Equal(2, map.ZoneCount);
        Assert.Equal(1, map.ZoneOfCell("B03"));
        Assert.Equal(2, map.ZoneOfCell("C01"));
        Assert.Equal(0, map.ZoneOfCell("E01"));
        Assert.Equal(0, map.ZoneOfCell("A04"));
        Assert.Equal(1, map.ZoneOfBeacon("b1"));
        Assert.Equal(2, map.ZoneOfBeacon("b2"));
        Assert.Equal("east", map.ZoneName(2));
    }

    [Fact]
    public void A_try_variant_reads_the_evidence_estimator_settings_with_or_without_its_old_prefix()
    {
        Assert.Equal(0.4, Experiment.Parse("evidence:SmoothingAlpha=0.4").SmoothingAlpha);
        Assert.Equal(0.4, Experiment.Parse("SmoothingAlpha=0.4").SmoothingAlpha);
        Assert.Contains("\"Bogus=1\"", Assert.Throws<ArgumentException>(() => Experiment.Parse("evidence:Bogus=1")).Message);
    }

    [Fact]
    public void Zone_map_errors_name_the_field()
    {
        var e = Assert.Throws<FormatException>(() => ZoneMap.Parse(MapJson.Replace("\"A-B\"", "\"B-A\"")));
        Assert.Contains("$.zones[0].columns", e.Message);

        e = Assert.Throws<FormatException>(() => ZoneMap.Parse(MapJson.Replace("\"D02\"", "\"Z02\"")));
        Assert.Contains("$.beacons.b2", e.Message);
    }

    [Fact]
    public void Rows_are_put_in_time_order_per_cell_and_not_heard_readings_dropped()
    {
        const string csv = """
            location,date,b1,b2
            B02,10-18-2016 11:15:21,-70,-200
            C02,10-18-2016 11:15:19,-199,-65
            B02,10-18-2016 11:15:17,-198,-80
            B02,10-18-2016 11:15:15,-72,-85
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        Assert.Equal(new[] { "B02", "C02" }, data.Cells.Select(c => c.Name));
        Cell west = data.Cells[0];
        Assert.Equal(1, west.Zone);
        Assert.Equal(new[] { 5, 4, 2 }, west.Rows.Select(r => r.Line));
        Assert.Equal(new long[] { 0, 2000, 6000 }, west.Rows.Select(r => r.TimeMs - west.Rows[0].TimeMs));
        Assert.Equal(new[] { new Reading(0, -72), new Reading(1, -85) }, west.Rows[0].Readings);
        Assert.Equal(new[] { new Reading(1, -80) }, west.Rows[1].Readings);
        Assert.Equal(new[] { new Reading(1, -65) }, data.Cells[1].Rows[0].Readings);
        Assert.Empty(data.Skipped);
    }

    [Fact]
    public void Minute_stamps_run_on_two_seconds_apart_and_bad_rows_are_reported_not_lost()
    {
        const string csv = """
            location,date,b1,b2
            A01,10-04-16 10:58,-70,-200
            A01,10-04-16 10:58,-71,-200
            A01,10-04-16 10:57,-72,-200
            A01,oops,-72,-200
            A01,10-04-16 10:57,-72,x
            E09,10-04-16 10:57,-72,-200
            A01,10-04-16 10:40,-73,-200
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        Cell cell = Assert.Single(data.Cells);
        long start = cell.Rows[0].TimeMs;
        // 10:40 stands alone (more than a minute before the next); 10:57, 10:58, 10:58 run on 2 s apart.
        Assert.Equal(new long[] { 0, 17 * 60_000, 17 * 60_000 + 2000, 17 * 60_000 + 4000 }, cell.Rows.Select(r => r.TimeMs - start));
        Assert.Equal(4, data.MinuteStampRows);
        Assert.Equal(3, data.Skipped.Count);
        Assert.Contains(data.Skipped, s => s.StartsWith("line 5:") && s.Contains("oops"));
        Assert.Contains(data.Skipped, s => s.StartsWith("line 6:") && s.Contains("b2"));
        Assert.Contains(data.Skipped, s => s.StartsWith("line 7:") && s.Contains("E09"));
    }

    [Fact]
    public void Unknown_beacon_column_is_a_one_line_error()
    {
        var e = Assert.Throws<FormatException>(() => RssiDataset.Parse("location,date,b1,b9\n", Map()));
        Assert.Contains("b9", e.Message);
    }

    [Fact]
    public void References_vote_in_hindsight_and_bound_by_what_was_heard()
    {
        const string csv = """
            location,date,b1,b2
            B02,10-18-2016 11:15:04,-70,-200
            B02,10-18-2016 11:15:02,-200,-75
            B02,10-18-2016 11:15:00,-200,-75
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        Score hindsight = Evaluation.BestFixedAnswerInHindsight(data, 2);
        Assert.Equal(0, hindsight.Right); // east was strongest in two rows of three

        Score bound = Evaluation.TrueZoneHeardSoFar(data, 2);
        Assert.Equal(1, bound.Right);     // west first heard in the last row
    }

    [Fact]
    public void Centroid_follows_the_smoothed_powers_and_forgets_a_silent_beacon()
    {
        // B02 (west). The second row flips the strongest beacon, the smoothed powers still put the
        // centroid in the west; 30 s later only b2 is heard (b1 is past the stale time): east.
        const string csv = """
            location,date,b1,b2
            B02,10-18-2016 11:15:32,-200,-80
            B02,10-18-2016 11:15:02,-90,-70
            B02,10-18-2016 11:15:00,-70,-90
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        Score centroid = Evaluation.WeightedCentroid(data, Map(), alpha: 0.3, staleMs: 20000);
        Assert.Equal(2, centroid.Right);
        Assert.Equal(1, centroid.Changes);
    }

    [Fact]
    public void Fingerprint_takes_the_nearest_rows_of_other_cells_only()
    {
        // A01 and B02 (west) read alike; D01 (east) has no other east cell to match, so it can only be
        // answered west, which shows its own row is not in its survey.
        const string csv = """
            location,date,b1,b2
            A01,10-18-2016 11:15:00,-60,-90
            B02,10-18-2016 11:16:00,-65,-85
            D01,10-18-2016 11:17:00,-90,-60
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        Score fingerprint = Evaluation.NearestSurveyRows(data, 2, k: 1);
        Assert.Equal(3, fingerprint.Rows);
        Assert.Equal(2, fingerprint.Right);
        Assert.Equal(0, fingerprint.RightByZone[2]);
    }

    [Fact]
    public void A_cells_visits_are_devices_of_their_own_unless_joined_end_to_end_as_one()
    {
        // B02: two visits, 10:40 (one row) and 10:58 (two rows, 2 s apart); C02: one visit.
        const string csv = """
            location,date,b1,b2
            B02,10-18-2016 10:58:02,-70,-200
            B02,10-18-2016 10:58:00,-71,-200
            B02,10-18-2016 10:40:00,-72,-200
            C02,10-18-2016 10:30:00,-200,-65
            """;
        RssiDataset data = RssiDataset.Parse(csv, Map());

        UciTrace apart = UciTrace.From(data, null);
        UciTrace joined = UciTrace.From(data, null, visitsJoined: true);

        Assert.Equal(3, apart.VisitCells.Count);
        Assert.Equal(new[] { 0, 0, 1 }, apart.VisitCells.OrderBy(v => v.Key).Select(v => v.Value));
        Assert.Equal(2, joined.VisitCells.Count);
        // Joined, B02's second visit starts where its first one's truth ends (a row stands for 2 s), in one device's time line.
        var b02 = joined.Trace.Where(r => joined.VisitCells[r.Device] == 0).ToList();
        Assert.Single(b02.Select(r => r.Device).Distinct());
        Assert.Equal(new long[] { 0, 2000, 4000 }, b02.Select(r => r.TMs - b02[0].TMs));
        var truth = joined.Truth.Where(s => s.Device == b02[0].Device).ToList();
        Assert.Equal(60, truth.Count);
        Assert.All(truth.Zip(truth.Skip(1)), p => Assert.Equal(100, p.Second.TMs - p.First.TMs));
    }

    [Fact]
    public void A_held_answer_is_the_first_given_from_its_time_once_that_moment_is_in_and_never_changes()
    {
        // The locator held answers the zone of the last reading; a row's two readings share its time.
        var fromStart = new UciLimits.Held(new LastReading(), 0);
        fromStart.Observe(1, 1, -70, 0);
        Assert.Equal(1, fromStart.Update(0));
        fromStart.Observe(2, 2, -60, 0);
        Assert.Equal(2, fromStart.Update(0));
        fromStart.Observe(1, 1, -50, 1000);
        Assert.Equal(2, fromStart.Update(1000));

        var fromTwoSeconds = new UciLimits.Held(new LastReading(), 2000);
        fromTwoSeconds.Observe(1, 1, -70, 500);
        Assert.Equal(0, fromTwoSeconds.Update(500));
        fromTwoSeconds.Observe(2, 2, -70, 2500);
        Assert.Equal(2, fromTwoSeconds.Update(2500));
        fromTwoSeconds.Observe(1, 1, -70, 4000);
        Assert.Equal(2, fromTwoSeconds.Update(4000));
    }

    private sealed class LastReading : Beacons.Placement.Scoring.IZoneLocator
    {
        private byte _zone;

        public void Observe(int receiver, byte zone, int rssi, long tMs) => _zone = zone;

        public byte Update(long tMs) => _zone;
    }
}
