using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.ZoneEval;

/// <summary>
/// The position fit (<see cref="PositionFitLocator"/>) on both real sets. <c>--posfit-try "Field=v,...;..."</c>
/// prints one line per variant of <see cref="PositionFitSettings"/>: the flat walks plain and with
/// leave-one-walk-out receiver offsets (accuracy/settled, detected, changes, flaps, median delay) and the
/// UCI floor (accuracy, its even and odd cells apart, changes): over the whole zoned grid, with leave-one-cell-out
/// offsets, and over the visited cells only (which knows where the truth is). With <c>SurveyWeight</c> each set's
/// locator also takes a <see cref="ZoneSurvey"/> of the other walks or cells (<c>SurveyCheck=1</c>: if it pays on them).
/// </summary>
public static class PositionFitRun
{
    /// <summary>The grid a device's position is fitted on: a quarter of a metre on a venue, a quarter of a cell on UCI.</summary>
    public const double GridStep = 0.25;

    /// <summary>The UCI beacons' cells as receivers ("receiver" b is the beacon of column b, as <see cref="UciTrace"/> numbers them) and a grid over the zoned cells.</summary>
    private static PositionFitMap UciGrid(RssiDataset data, ZoneMap map, string columns, bool onlyVisitedCells)
    {
        var walkable = onlyVisitedCells
            ? data.Cells.Select(c => CellPlace(c.Name, columns)).Select(p => ((int)p.X, (int)p.Y)).ToHashSet()
            : null;
        var receivers = new Dictionary<int, (double, double)>();
        for (int b = 0; b < data.Beacons.Count; b++)
        {
            receivers[b] = map.PositionOfBeacon(data.Beacons[b]);
        }

        var points = new List<(double X, double Y, byte Zone)>();
        var neighbours = new ZoneNeighbours();
        for (double c = -0.5 + (GridStep / 2); c < columns.Length - 0.5; c += GridStep)
        {
            for (double r = 0.5 + (GridStep / 2); r < Rows(map) + 0.5; r += GridStep)
            {
                byte zone = map.ZoneAt(c, r);
                if (zone != 0 && (walkable == null || walkable.Contains(((int)Math.Round(c), (int)Math.Round(r)))))
                {
                    points.Add((c, r, zone));
                    byte right = map.ZoneAt(c + GridStep, r), below = map.ZoneAt(c, r + GridStep);
                    if (right != 0 && right != zone)
                    {
                        neighbours.Add(zone, right);
                    }

                    if (below != 0 && below != zone)
                    {
                        neighbours.Add(zone, below);
                    }
                }
            }
        }

        return new PositionFitMap(receivers, points, neighbours);
    }

    /// <summary>The last grid row any zone covers.</summary>
    private static int Rows(ZoneMap map)
    {
        int rows = 0;
        for (int r = 1; r < 1000; r++)
        {
            rows = map.ZoneAt(0, r) != 0 || map.ZoneAt(1000, r) != 0 ? r : rows;
        }

        return rows;
    }

    /// <summary>The UCI floor's map, read from its folder as <see cref="Uci"/> takes it (<paramref name="visitsJoined"/>: <see cref="UciTrace.From"/>).</summary>
    public static (UciTrace Trace, PositionFitMap Grid, PositionFitMap Visited) ReadUci(string uciDir, bool visitsJoined = false)
    {
        string json = File.ReadAllText(Path.Combine(uciDir, "zones.json"));
        var zoneMap = ZoneMap.Parse(json);
        var data = RssiDataset.Parse(File.ReadAllText(Path.Combine(uciDir, "iBeacon_RSSI_Labeled.csv")), zoneMap);
        var grid = Uci(data, zoneMap, json, false);
        return (UciTrace.From(data, grid, visitsJoined), grid, Uci(data, zoneMap, json, true));
    }

    /// <summary>A cell's place on the grid ("F09": column index from 0, row number), as the beacons' places are given.</summary>
    private static (double X, double Y) CellPlace(string cell, string columns) =>
        (columns.IndexOf(char.ToUpperInvariant(cell[0])), int.Parse(cell.AsSpan(1), CultureInfo.InvariantCulture));

    /// <summary>
    /// The UCI floor's map from its zones.json text (the grid's columns are read from it): every zoned point of
    /// the grid, or with <paramref name="onlyVisitedCells"/> only the cells the phone stood in. The grid also
    /// covers closed rooms and walls (layout.png), but the visited cells are where the truth is, so a fit over
    /// them knows something of the answer: its figures are marked as such.
    /// </summary>
    public static PositionFitMap Uci(RssiDataset data, ZoneMap zoneMap, string zonesJson, bool onlyVisitedCells) =>
        UciGrid(data, zoneMap, System.Text.Json.JsonDocument.Parse(zonesJson).RootElement.GetProperty("columns").GetString()!, onlyVisitedCells);

    public static LocatorKind Kind(string name, ScoringVenue venue, PositionFitMap map, PositionFitSettings settings, ZoneSurvey? survey = null) =>
        Locators.PerDevice(name, venue, () => new PositionFitLocator(map, settings, survey: survey));

    public static int Try(string flatDir, string uciDir, string specs)
    {
        var flat = TraceSet.Read(flatDir);
        ScoringVenue venue = flat.Venue;
        var flatMap = PositionFitMap.From(venue.Venue!, GridStep);
        var (uci, uciMap, uciVisited) = ReadUci(uciDir);
        // Every variant on every set at once, spread over the machine's cores; printed in the order given.
        string[] variants = specs.Split(';');
        Func<int, int> uciCell = d => uci.VisitCells[d];
        var sets = new Func<string, IReadOnlyList<DeviceAnswers>>[]
        {
            spec => LeaveOneOut(flat.Trace, flat.Truth, d => d, Fit(spec, venue, flatMap, false, d => d)),
            spec => LeaveOneOut(flat.Trace, flat.Truth, d => d, Fit(spec, venue, flatMap, true, d => d)),
            spec => LeaveOneOut(uci.Trace, uci.Truth, uciCell, Fit(spec, uci.Venue, uciMap, false, uciCell)),
            spec => LeaveOneOut(uci.Trace, uci.Truth, uciCell, Fit(spec, uci.Venue, uciMap, true, uciCell)),
            spec => LeaveOneOut(uci.Trace, uci.Truth, uciCell, Fit(spec, uci.Venue, uciVisited, false, uciCell)),
        };
        var answers = new IReadOnlyList<DeviceAnswers>[variants.Length, sets.Length];
        Parallel.For(0, variants.Length * sets.Length, i =>
            answers[i / sets.Length, i % sets.Length] = sets[i % sets.Length](variants[i / sets.Length]));
        for (int v = 0; v < variants.Length; v++)
        {
            var lines = Enumerable.Range(0, sets.Length).Select(i => Scorer.Score(variants[v], answers[v, i])).ToArray();
            ScoreLine plain = lines[0], cal = lines[1], u = lines[2], uCal = lines[3], uVisited = lines[4];
            // UCI's even and odd cells apart: settings chosen on one half can be reported on the other.
            string Halves(IReadOnlyList<DeviceAnswers> a) => string.Format(CultureInfo.InvariantCulture, "(even {0:0.0}, odd {1:0.0})",
                Scorer.Score("even", a.Where(d => uciCell(d.Device) % 2 == 0).ToList()).Accuracy * 100,
                Scorer.Score("odd", a.Where(d => uciCell(d.Device) % 2 == 1).ToList()).Accuracy * 100);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-44} flat {1:0.0}/{2:0.0} d{3} ch{4} fl{5} p50 {6:0.0} | cal {7:0.0}/{8:0.0} d{9} ch{10} fl{11} p50 {12:0.0} | uci {13:0.0} {19} ch{14} | uci cal {15:0.0} {20} ch{16} | uci visited {17:0.0} ch{18}",
                variants[v], plain.Accuracy * 100, plain.SettledAccuracy * 100, plain.Detected, plain.Changes, plain.Flaps, plain.DetectP50Ms / 1000.0,
                cal.Accuracy * 100, cal.SettledAccuracy * 100, cal.Detected, cal.Changes, cal.Flaps, cal.DetectP50Ms / 1000.0,
                u.Accuracy * 100, u.Changes, uCal.Accuracy * 100, uCal.Changes, uVisited.Accuracy * 100, uVisited.Changes, Halves(answers[v, 2]), Halves(answers[v, 3])));
        }

        return 0;
    }

    /// <summary>
    /// <c>--still-share</c>: on the flat walks and the UCI floor, the share of the position fit's steps (the defaults, no
    /// offsets, the tuning grid of <c>--posfit-try</c>) at which its stillness rule took the device as still
    /// (<see cref="PositionFitLocator.StillSteps"/>; docs/zones.md, "A device that stands still").
    /// </summary>
    public static int StillShare(string flatDir, string uciDir)
    {
        var flat = TraceSet.Read(flatDir);
        ScoringVenue venue = flat.Venue;
        var (uci, uciMap, _) = ReadUci(uciDir);
        Console.WriteLine("set                  still steps  fitted steps  share");
        foreach (var (name, trace, truth, setVenue, map) in new[]
        {
            ("flat walks", flat.Trace, flat.Truth, venue, PositionFitMap.From(venue.Venue!, GridStep)),
            ("UCI floor", uci.Trace, uci.Truth, uci.Venue, uciMap),
        })
        {
            var made = new List<PositionFitLocator>();
            var kind = Locators.PerDevice("position-fit", setVenue, () =>
            {
                var locator = new PositionFitLocator(map, new PositionFitSettings());
                made.Add(locator);
                return locator;
            });
            _ = Replay.Run(trace, truth, kind);
            long still = made.Sum(l => l.StillSteps), fitted = made.Sum(l => l.FittedSteps);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-20} {1,11}  {2,12}  {3,5:0.0} %", name, still, fitted, fitted == 0 ? 0 : 100.0 * still / fitted));
        }

        return 0;
    }

    /// <summary>
    /// Leave one group out (a walk of the flat, a cell of UCI): each group's devices scored with receiver offsets
    /// learned from the other groups' trace and truth.
    /// </summary>
    public static IReadOnlyList<DeviceAnswers> Calibrated(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue, LocatorKind kind, Func<int, int> group) =>
        LeaveOneOut(trace, truth, group, (otherTrace, otherTruth) => ReceiverOffsets.Apply(kind, ReceiverOffsets.Learn(otherTrace, otherTruth, venue.ReceiverZones)));

    /// <summary>
    /// Leave one group out with a survey: each group's devices scored by the position fit of <paramref name="spec"/> with the
    /// other groups' receiver offsets and zone survey (and, with "SurveyCheck=1", only if it pays on them).
    /// </summary>
    public static IReadOnlyList<DeviceAnswers> Surveyed(string spec, IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue,
        PositionFitMap map, Func<int, int> group) =>
        LeaveOneOut(trace, truth, group, Fit(spec, venue, map, true, group));

    /// <summary>Each group's devices (a walk, a cell) replayed with a locator made from the other groups' trace and truth, pooled.</summary>
    public static IReadOnlyList<DeviceAnswers> LeaveOneOut(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, Func<int, int> group,
        Func<IReadOnlyList<TraceReading>, IReadOnlyList<TruthSample>, LocatorKind> kindFromOthers)
    {
        var answers = new List<DeviceAnswers>();
        foreach (int held in truth.Select(s => group(s.Device)).Distinct())
        {
            var kind = kindFromOthers(trace.Where(r => group(r.Device) != held).ToList(), truth.Where(s => group(s.Device) != held).ToList());
            answers.AddRange(Replay.Run(trace.Where(r => group(r.Device) == held).ToList(), truth.Where(s => group(s.Device) == held).ToList(), kind));
        }

        return answers;
    }

    /// <summary>A variant's locator made from the other groups: with <paramref name="offsets"/> their receiver offsets.</summary>
    /// <remarks>
    /// With a survey (<see cref="PositionFitSettings.SurveyWeight"/>) the locator takes a <see cref="ZoneSurvey"/> learned
    /// from the other groups; with the tool's "SurveyCheck=1" only if <see cref="SurveyCheck"/> finds that it pays on
    /// those groups themselves (each of them, in <paramref name="group"/>'s terms, scored with a survey of the rest),
    /// else the live fit's defaults without it.
    /// </remarks>
    private static Func<IReadOnlyList<TraceReading>, IReadOnlyList<TruthSample>, LocatorKind> Fit(string spec, ScoringVenue venue, PositionFitMap map,
        bool offsets, Func<int, int> group) => (otherTrace, otherTruth) =>
    {
        var settings = Parse(spec, out bool check);
        var learned = offsets ? ReceiverOffsets.Learn(otherTrace, otherTruth, venue.ReceiverZones) : null;
        // A survey is learned from the readings as the locator will see them: moved by the offsets when they are applied.
        var seen = learned == null ? otherTrace : ReceiverOffsets.Moved(otherTrace, learned);
        var survey = settings.SurveyWeight > 0 ? ZoneSurvey.Learn(seen, otherTruth, settings.StepMs) : null;
        LocatorKind WithOffsets(LocatorKind kind) => learned != null ? ReceiverOffsets.Apply(kind, learned) : kind;
        if (survey != null && check)
        {
            // The survey's own verdict: its groups replayed with a survey of the others, against the live fit (defaults, no survey).
            var live = new PositionFitSettings();
            // (Its trace is already moved by the offsets.)
            var verdict = SurveyCheck.Decide(seen, otherTruth, group, settings.StepMs,
                s => s == null ? Kind(spec, venue, map, live) : Kind(spec, venue, map, settings, s));
            SurveyCheck.Report(spec + (offsets ? " (offsets)" : "") + " " + venue.ReceiverZones.Count + " receivers", verdict);
            return WithOffsets(verdict.On ? Kind(spec, venue, map, settings, survey) : Kind(spec, venue, map, live));
        }

        return WithOffsets(Kind(spec, venue, map, settings, survey));
    };

    private static PositionFitSettings Parse(string spec, out bool check)
    {
        // "SurveyCheck=1" is the tool's own (whether the survey decides for itself); the rest are the settings' fields.
        string[] parts = spec.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string? checkPart = parts.FirstOrDefault(kv => kv.Split('=')[0].Trim() == "SurveyCheck");
        check = checkPart != null && checkPart.Split('=')[1].Trim() != "0";
        return PositionFitSettings.Parse(string.Join(',', parts.Where(kv => kv != checkPart)));
    }
}
