using Beacons.Placement.Scoring;

namespace Beacons.Placement;

/// <summary>How a calibration walk judges the position fit's candidate settings (<see cref="PositionFitCalibration"/>).</summary>
public enum CalibrationCriterion
{
    /// <summary>Each candidate placed the walk as the live placement would: the best settled accuracy wins.</summary>
    Replay,

    /// <summary>Each candidate's path-loss law fitted to the walk's levels inside the zone the walker was in: the least squared error wins.</summary>
    Levels,
}

/// <summary>
/// What a calibration walk teaches the position fit besides the receivers' offsets (docs/zones.md, "Calibration
/// walk"): the venue's wall loss (<see cref="PositionFitSettings.WallDb"/>) and, if asked, its path-loss exponent,
/// each from a small grid, judged on the walk itself with its readings moved by the walk's receiver offsets
/// (<see cref="CalibrationCriterion"/>). The walk is short and the candidates close, so a candidate must beat the
/// defaults by more than a margin: a walk that cannot tell them apart leaves the defaults.
/// </summary>
public static class PositionFitCalibration
{
    public static readonly double[] WallDbs = [0, 2, 3, 4, 6, 8, 10];

    public static readonly double[] Exponents = [2.0, 2.3, 2.6, 3.0];

    /// <summary>Settled accuracy a candidate must gain over the defaults on the walk to replace them (half a point).</summary>
    public const double TieMargin = 0.005;

    /// <summary>With <see cref="CalibrationCriterion.Levels"/>: the share of the defaults' mean squared error a candidate must save (1 %).</summary>
    public const double LevelsTieMargin = 0.01;

    /// <summary>The levels are the mean of each receiver's readings over windows this long.</summary>
    public const long LevelsWindowMs = 1000;

    /// <summary>One candidate, the offsets it was judged with, and how it did on the walk: its placement (<see cref="CalibrationCriterion.Replay"/> only) and its levels' mean squared error.</summary>
    public sealed record Tried(double WallDb, double Exponent, ScoreLine? Score, double LevelsErrorDb2, IReadOnlyDictionary<int, double> Offsets);

    /// <summary>
    /// The settings chosen (the defaults with <see cref="PositionFitSettings.WallDb"/> and <see cref="PositionFitSettings.Exponent"/>
    /// set), the receiver offsets to run them with, and every candidate.
    /// </summary>
    public sealed record Choice(PositionFitSettings Settings, IReadOnlyDictionary<int, double> Offsets, IReadOnlyList<Tried> Candidates);

    /// <summary>
    /// The wall loss from <see cref="WallDbs"/> (and with <paramref name="exponent"/> the exponent from <see cref="Exponents"/>,
    /// every pair tried) that does best on the walk by <paramref name="criterion"/>. <paramref name="receiverZones"/> is
    /// each receiver's zone; <paramref name="offsets"/> the receivers' offsets the walk is judged with (those
    /// <see cref="ReceiverOffsets.Learn"/> took from it), or, with <paramref name="lawOffsets"/>, each candidate's own
    /// (<see cref="LawOffsets"/>), which <see cref="Choice.Offsets"/> then gives for the candidate chosen.
    /// </summary>
    public static Choice Choose(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, PositionFitMap map,
        IReadOnlyDictionary<int, byte> receiverZones, IReadOnlyDictionary<int, double> offsets, bool exponent = false,
        CalibrationCriterion criterion = CalibrationCriterion.Replay, bool lawOffsets = false)
    {
        var defaults = new PositionFitSettings();
        var venue = new ScoringVenue(null, receiverZones, map.Zones.ToHashSet());
        var windows = Windows(trace, truth, map);
        double[] exponents = exponent ? Exponents : [defaults.Exponent];
        var pairs = WallDbs.SelectMany(w => exponents.Select(n => (Wall: w, Exponent: n))).ToList();
        if (!pairs.Contains((defaults.WallDb, defaults.Exponent)))
        {
            pairs.Add((defaults.WallDb, defaults.Exponent));
        }

        var tried = new Tried[pairs.Count];
        Parallel.For(0, pairs.Count, i =>
        {
            var settings = With(pairs[i].Wall, pairs[i].Exponent);
            var own = lawOffsets ? Learned(map, windows, settings) : offsets;
            double error = LevelsError(map, windows, settings, own, null);
            ScoreLine? score = null;
            if (criterion == CalibrationCriterion.Replay)
            {
                var kind = ReceiverOffsets.Apply(Locators.PerDevice("position-fit", venue, () => new PositionFitLocator(map, settings)), own);
                score = Scorer.Score("position-fit", Replay.Run(trace, truth, kind));
            }

            tried[i] = new Tried(pairs[i].Wall, pairs[i].Exponent, score, error, own);
        });

        // Higher is better; a candidate must beat the defaults by the margin, and among equals the nearest to the defaults wins.
        Func<Tried, double> merit = criterion == CalibrationCriterion.Levels ? t => -t.LevelsErrorDb2 : t => t.Score!.SettledAccuracy;
        Tried atDefaults = tried.Single(t => t.WallDb == defaults.WallDb && t.Exponent == defaults.Exponent);
        double margin = criterion == CalibrationCriterion.Levels ? LevelsTieMargin * atDefaults.LevelsErrorDb2 : TieMargin;
        Tried best = tried.OrderByDescending(merit)
            .ThenBy(t => Math.Abs(t.WallDb - defaults.WallDb) + (10 * Math.Abs(t.Exponent - defaults.Exponent))).First();
        Tried chosen = merit(best) > merit(atDefaults) + margin ? best : atDefaults;
        return new Choice(With(chosen.WallDb, chosen.Exponent), chosen.Offsets, tried);
    }

    /// <summary>
    /// Receiver offsets as the position fit's law sees them: each receiver's median miss (the reading less what the law
    /// predicts at the best point of the zone the walker was in), over every window that heard it, wherever the walker
    /// was, moved to the other side; again and again (<see cref="LawRounds"/>), each round with the offsets so far applied. Unlike
    /// <see cref="ReceiverOffsets.Learn"/>, which compares receivers' levels in their own zones, a large room or a receiver in
    /// its room's corner does not read as a cold receiver: the law already expects it. Rounded to whole dB as applied.
    /// </summary>
    public static IReadOnlyDictionary<int, double> LawOffsets(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth,
        PositionFitMap map, PositionFitSettings settings) => Learned(map, Windows(trace, truth, map), settings);

    private static IReadOnlyDictionary<int, double> Learned(PositionFitMap map, List<Window> windows, PositionFitSettings settings)
    {
        int[] ids = map.Receivers.Keys.Order().ToArray();
        var offsets = ids.ToDictionary(id => id, _ => 0.0);
        for (int round = 0; round < LawRounds; round++)
        {
            var misses = ids.Select(_ => new List<double>()).ToArray();
            LevelsError(map, windows, settings, offsets, misses);
            for (int r = 0; r < ids.Length; r++)
            {
                if (misses[r].Count >= ReceiverOffsets.MinReadings)
                {
                    misses[r].Sort();
                    offsets[ids[r]] -= misses[r][misses[r].Count / 2];
                }
            }
        }

        return offsets.ToDictionary(p => p.Key, p => Math.Round(p.Value));
    }

    /// <summary>Rounds of <see cref="LawOffsets"/>: each moves the walker's best point less, as the offsets settle.</summary>
    public const int LawRounds = 6;

    /// <summary>One device's readings over <see cref="LevelsWindowMs"/> in one zone: each receiver's mean level, by receiver index (id order).</summary>
    private sealed record Window(byte Zone, List<(int R, double Level)> Levels);

    private static List<Window> Windows(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, PositionFitMap map)
    {
        int[] ids = map.Receivers.Keys.Order().ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        // Each window's zone, where the walker stayed in one zone all through it (a window across a door is left out).
        var zoneAt = truth.GroupBy(s => (s.Device, Window: s.TMs / LevelsWindowMs))
            .Where(g => g.All(s => s.Zone == g.First().Zone)).ToDictionary(g => g.Key, g => g.First().Zone);
        var windows = new List<Window>();
        foreach (var window in trace.Where(r => index.ContainsKey(r.Receiver)).GroupBy(r => (r.Device, Window: r.TMs / LevelsWindowMs)))
        {
            if (zoneAt.TryGetValue(window.Key, out byte zone))
            {
                windows.Add(new Window(zone, window.GroupBy(r => index[r.Receiver]).Select(g => (R: g.Key, Level: g.Average(r => (double)r.Rssi))).ToList()));
            }
        }

        return windows;
    }

    /// <summary>
    /// How well a candidate's law explains the walk's levels where the walker was: per window, each heard receiver's mean
    /// level, moved by its offset (rounded as applied); at each point of the zone the truth names, P0 by least squares and
    /// the squared misses; the zone's best point. The mean over windows and receivers, dB². The censored and hearing terms
    /// are left out: they say where a device is not, and the walk already says where it is. With <paramref name="misses"/>,
    /// each receiver's miss at the best point is added to its list.
    /// </summary>
    private static double LevelsError(PositionFitMap map, List<Window> windows, PositionFitSettings settings,
        IReadOnlyDictionary<int, double> offsets, List<double>[]? misses)
    {
        int[] ids = map.Receivers.Keys.Order().ToArray();
        double[] shift = ids.Select(id => Math.Round(offsets.GetValueOrDefault(id))).ToArray();
        double n = map.ExponentOf(settings);
        double[,] logDistance = map.LogDistances(settings.HeightOffset, n);
        double[,] wallLoss = map.WallLosses(settings);
        var zonePoints = Enumerable.Range(0, map.Points.Count).GroupBy(p => map.Points[p].Zone).ToDictionary(g => g.Key, g => g.ToArray());
        double total = 0;
        int count = 0;
        foreach (Window w in windows)
        {
            double best = double.PositiveInfinity, bestP0 = 0;
            int bestPoint = -1;
            foreach (int p in zonePoints.GetValueOrDefault(w.Zone, []))
            {
                double Predicted((int R, double Level) l) => -(n * logDistance[p, l.R]) - wallLoss[p, l.R];
                double p0 = w.Levels.Average(l => l.Level + shift[l.R] - Predicted(l));
                double error = w.Levels.Sum(l => Math.Pow(l.Level + shift[l.R] - p0 - Predicted(l), 2));
                if (error < best)
                {
                    (best, bestP0, bestPoint) = (error, p0, p);
                }
            }

            if (bestPoint < 0)
            {
                continue;
            }

            total += best;
            count += w.Levels.Count;
            if (misses != null && w.Levels.Count > 1)
            {
                foreach (var l in w.Levels)
                {
                    misses[l.R].Add(l.Level + shift[l.R] - bestP0 + (n * logDistance[bestPoint, l.R]) + wallLoss[bestPoint, l.R]);
                }
            }
        }

        return count == 0 ? 0 : total / count;
    }

    private static PositionFitSettings With(double wallDb, double exponent) => new() { WallDb = wallDb, Exponent = exponent };
}
