using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.ZoneEval;

/// <summary>
/// The position fit (<see cref="PositionFitLocator"/>) on both real sets. <c>--posfit-try "Field=v,...;..."</c>
/// prints one line per variant of <see cref="PositionFitSettings"/>: the flat walks plain and with
/// leave-one-walk-out receiver offsets (accuracy/settled, detected, changes, flaps, median delay) and the
/// UCI floor (accuracy, changes): over the whole zoned grid, with leave-one-cell-out offsets, and over the
/// visited cells only (which knows where the truth is).
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

    /// <summary>The UCI floor's map, read from its folder as <see cref="Uci"/> takes it, and where each visit (device) stood.</summary>
    public static (UciTrace Trace, PositionFitMap Grid, PositionFitMap Visited, IReadOnlyDictionary<int, (double X, double Y)> VisitPlaces) ReadUci(string uciDir)
    {
        string json = File.ReadAllText(Path.Combine(uciDir, "zones.json"));
        var zoneMap = ZoneMap.Parse(json);
        var data = RssiDataset.Parse(File.ReadAllText(Path.Combine(uciDir, "iBeacon_RSSI_Labeled.csv")), zoneMap);
        var grid = Uci(data, zoneMap, json, false);
        var trace = UciTrace.From(data, grid);
        string columns = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("columns").GetString()!;
        var places = trace.VisitCells.ToDictionary(v => v.Key, v => CellPlace(data.Cells[v.Value].Name, columns));
        return (trace, grid, Uci(data, zoneMap, json, true), places);
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

    public static LocatorKind Kind(string name, ScoringVenue venue, PositionFitMap map, PositionFitSettings settings) =>
        Locators.PerDevice(name, venue, () => new PositionFitLocator(map, settings));

    public static int Try(string flatDir, string uciDir, string specs)
    {
        ScoringVenue venue = ScoringVenue.From(Beacons.Venue.VenueFile.Load(Path.Combine(flatDir, "venue.json")));
        var flat = ScoredTrace.Read(venue, Path.Combine(flatDir, "trace.csv"), Path.Combine(flatDir, "truth.csv"));
        var flatMap = PositionFitMap.From(venue.Venue!, GridStep);
        var (uci, uciMap, uciVisited, uciPlaces) = ReadUci(uciDir);
        // Every variant on every set at once, spread over the machine's cores; printed in the order given.
        string[] variants = specs.Split(';');
        // "Hearing=1" learns each receiver's hearing curve from the other walks or cells with no survey (at the loudest
        // receiver); "Hearing=2" from the survey's places where there is one (UCI's other cells; the flat: as 1).
        Func<int, PositionFitSettings, HearingCurve.Place> flatPlace = (_, _) => HearingCurve.AtLoudest(flatMap.Receivers);
        Func<int, PositionFitSettings, HearingCurve.Place> uciPlace = (mode, _) => mode == 2
            ? (device, _, _) => uciPlaces[device]
            : HearingCurve.AtLoudest(uciMap.Receivers);
        var sets = new Func<string, ScoreLine>[]
        {
            spec => Scorer.Score(spec, LeaveOneOut(flat.Trace, flat.Truth, d => d, Fit(spec, venue, flatMap, flatPlace, false))),
            spec => Scorer.Score(spec, LeaveOneOut(flat.Trace, flat.Truth, d => d, Fit(spec, venue, flatMap, flatPlace, true))),
            spec => Scorer.Score(spec, LeaveOneOut(uci.Trace, uci.Truth, d => uci.VisitCells[d], Fit(spec.Replace("Hearing=2", "Hearing=1"), uci.Venue, uciMap, uciPlace, false))),
            spec => Scorer.Score(spec, LeaveOneOut(uci.Trace, uci.Truth, d => uci.VisitCells[d], Fit(spec, uci.Venue, uciMap, uciPlace, true))),
            spec => Scorer.Score(spec, LeaveOneOut(uci.Trace, uci.Truth, d => uci.VisitCells[d], Fit(spec.Replace("Hearing=2", "Hearing=1"), uci.Venue, uciVisited, uciPlace, false))),
        };
        var lines = new ScoreLine[variants.Length, sets.Length];
        Parallel.For(0, variants.Length * sets.Length, i =>
            lines[i / sets.Length, i % sets.Length] = sets[i % sets.Length](variants[i / sets.Length]));
        for (int v = 0; v < variants.Length; v++)
        {
            ScoreLine plain = lines[v, 0], cal = lines[v, 1], u = lines[v, 2], uCal = lines[v, 3], uVisited = lines[v, 4];
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-44} flat {1:0.0}/{2:0.0} d{3} ch{4} fl{5} p50 {6:0.0} | cal {7:0.0}/{8:0.0} d{9} ch{10} fl{11} p50 {12:0.0} | uci {13:0.0} ch{14} | uci cal {15:0.0} ch{16} | uci visited {17:0.0} ch{18}",
                variants[v], plain.Accuracy * 100, plain.SettledAccuracy * 100, plain.Detected, plain.Changes, plain.Flaps, plain.DetectP50Ms / 1000.0,
                cal.Accuracy * 100, cal.SettledAccuracy * 100, cal.Detected, cal.Changes, cal.Flaps, cal.DetectP50Ms / 1000.0,
                u.Accuracy * 100, u.Changes, uCal.Accuracy * 100, uCal.Changes, uVisited.Accuracy * 100, uVisited.Changes));
        }

        return 0;
    }

    /// <summary>
    /// Leave one group out (a walk of the flat, a cell of UCI): each group's devices scored with receiver offsets
    /// learned from the other groups' trace and truth.
    /// </summary>
    public static IReadOnlyList<DeviceAnswers> Calibrated(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue, LocatorKind kind, Func<int, int> group) =>
        LeaveOneOut(trace, truth, group, (otherTrace, otherTruth) => ReceiverOffsets.Apply(kind, ReceiverOffsets.Learn(otherTrace, otherTruth, venue.ReceiverZones)));

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

    /// <summary>A variant's locator made from the other groups: with <paramref name="offsets"/> their receiver offsets; with "Hearing=1|2" their hearing curve.</summary>
    private static Func<IReadOnlyList<TraceReading>, IReadOnlyList<TruthSample>, LocatorKind> Fit(string spec, ScoringVenue venue, PositionFitMap map,
        Func<int, PositionFitSettings, HearingCurve.Place> place, bool offsets) => (otherTrace, otherTruth) =>
    {
        var settings = Parse(spec, out int hearing);
        if (hearing > 0)
        {
            settings.HearingChance = HearingCurve.Learn(otherTrace, map.Receivers, place(hearing, settings), settings.HoldMs, settings.HeightOffset);
        }

        var kind = Kind(spec, venue, map, settings);
        return offsets ? ReceiverOffsets.Apply(kind, ReceiverOffsets.Learn(otherTrace, otherTruth, venue.ReceiverZones)) : kind;
    };

    private static PositionFitSettings Parse(string spec, out int hearing)
    {
        // "Hearing=n" is the tool's own (which hearing curve to learn); the rest are the settings' fields.
        string[] parts = spec.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string? named = parts.FirstOrDefault(kv => kv.Split('=')[0].Trim() == "Hearing");
        hearing = named == null ? 0 : int.Parse(named.Split('=')[1], CultureInfo.InvariantCulture);
        return PositionFitSettings.Parse(string.Join(',', parts.Where(kv => kv != named)));
    }
}
