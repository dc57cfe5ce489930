using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// <c>--uci-limits</c>: what the UCI floor lets the live position fit reach (docs/zones.md, "The UCI floor"). Issue 17 asks
/// there for 80 % and no zone change (the truth has none, as the phone stands still in every visit). The lines are the fit
/// as it runs; the fit with its first answer of each visit held to the visit's end (no changes, by construction); held from
/// 2, 5 or 10 s into the visit (unknown before, which counts as wrong); and the fit with per-beacon offsets learned from the
/// truth of every cell, the scored one included: a calibration no real survey gives, so an upper mark for what offsets
/// can add. Below them, how the fit's misses fall on the cells; then the floor scored as the brief's prototype scored it,
/// each cell one device with its visits end to end, beside the survey lines of <c>--survey</c>.
/// </summary>
public static class UciLimits
{
    public static int Run(string uciDir)
    {
        var (uci, grid, _) = PositionFitRun.ReadUci(uciDir);
        ScoringVenue venue = uci.Venue;
        var perfect = ReceiverOffsets.Learn(uci.Trace, uci.Truth, uci.ReceiverZones);
        LocatorKind Fit(string name, long holdFromMs) =>
            Locators.PerDevice(name, venue, () => new Held(new PositionFitLocator(grid, new PositionFitSettings()), holdFromMs));
        var kinds = new[]
        {
            Locators.Beacons(venue),
            Fit("first answer held", 0),
            Fit("held from 2 s", 2000),
            Fit("held from 5 s", 5000),
            Fit("held from 10 s", 10000),
            ReceiverOffsets.Apply(Locators.Beacons(venue) with { Name = "truth's offsets" }, perfect),
            ReceiverOffsets.Apply(Fit("  first answer held", 0), perfect),
        };
        var answers = kinds.AsParallel().AsOrdered().Select(k => Replay.Run(uci.Trace, uci.Truth, k)).ToList();
        Console.WriteLine($"UCI floor, {uci.VisitCells.Values.Distinct().Count()} cells, {uci.VisitCells.Count} visits (no survey; the truth has no changes):");
        Console.Write(ScoreReport.Table(kinds.Select((k, i) => Scorer.Score(k.Name, answers[i]))));
        Console.WriteLine();
        Console.WriteLine("the fit's misses by cell          never right  partly right  always right  (cells; share of the truth's time)");
        PrintCells("beacons", answers[0], uci);
        PrintCells("truth's offsets", answers[5], uci);

        // The brief's prototype pooled each cell's rows across its visits: the same lines, and the survey's, scored so.
        var (joined, joinedGrid, _) = PositionFitRun.ReadUci(uciDir, visitsJoined: true);
        Func<int, int> cell = d => joined.VisitCells[d];
        Console.WriteLine();
        Console.WriteLine($"Each cell one device, its visits end to end ({joined.VisitCells.Count} devices): how the brief's prototype scored the floor;");
        Console.WriteLine("a live placement never sees a phone's visits hours apart as one. With a survey: leave one cell out, as --survey.");
        Console.Write(ScoreReport.Table([.. ScoreReport.ScoreAll(joined.Trace, joined.Truth, Locators.All(joined.Venue)),
            Scorer.Score("position-fit", PositionFitRun.Calibrated(joined.Trace, joined.Truth, joined.Venue,
                PositionFitRun.Kind("position-fit", joined.Venue, joinedGrid, new PositionFitSettings()), cell)),
            Scorer.Score("survey-fit", PositionFitRun.Surveyed(SurveyRun.SurveyFit, joined.Trace, joined.Truth, joined.Venue, joinedGrid, cell))]));
        return 0;
    }

    /// <summary>Each cell's visits pooled: how many cells the fit is never, partly or always right in, and their share of the truth's time.</summary>
    private static void PrintCells(string name, IReadOnlyList<DeviceAnswers> answers, UciTrace uci)
    {
        var cells = answers.GroupBy(d => uci.VisitCells[d.Device])
            .Select(g => (Samples: g.Sum(d => d.Truth.Count), Right: g.Sum(d => d.Truth.Where((s, i) => d.Answers[i] == s.Zone).Count())))
            .ToList();
        double total = cells.Sum(c => c.Samples);
        string Part(Func<(int Samples, int Right), bool> which) => string.Format(CultureInfo.InvariantCulture, "{0,4} ({1,4:0.0} %)",
            cells.Count(which), 100 * cells.Where(which).Sum(c => c.Samples) / total);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-33} {1,11}  {2,12}  {3,12}",
            name, Part(c => c.Right == 0), Part(c => c.Right > 0 && c.Right < c.Samples), Part(c => c.Right == c.Samples)));
    }

    /// <summary>
    /// A locator whose answer is frozen at the first it gives from <paramref name="fromMs"/> after the device's first reading
    /// (unknown before), once every reading of that moment is in: a UCI row's beacons share its time, and the replay asks
    /// after each of them.
    /// </summary>
    public sealed class Held(IZoneLocator inner, long fromMs) : IZoneLocator
    {
        private long? _firstMs;
        private long? _heldAtMs;
        private byte _held;

        public void Observe(int receiver, byte zone, int rssi, long tMs)
        {
            _firstMs ??= tMs;
            inner.Observe(receiver, zone, rssi, tMs);
        }

        public byte Update(long tMs)
        {
            byte zone = inner.Update(tMs);
            if ((_heldAtMs == null && _firstMs is long first && tMs - first >= fromMs && zone != 0) || tMs == _heldAtMs)
            {
                _held = zone;
                _heldAtMs = tMs;
            }

            return _held;
        }
    }
}
