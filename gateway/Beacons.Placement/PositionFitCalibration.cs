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

    /// <summary>One candidate and how it did on the walk: its placement (<see cref="CalibrationCriterion.Replay"/>) or its levels' mean squared error.</summary>
    public sealed record Tried(double WallDb, double Exponent, ScoreLine? Score, double LevelsErrorDb2);

    /// <summary>The settings chosen (the defaults with <see cref="PositionFitSettings.WallDb"/> and <see cref="PositionFitSettings.Exponent"/> set) and every candidate's score.</summary>
    public sealed record Choice(PositionFitSettings Settings, IReadOnlyList<Tried> Candidates);

    /// <summary>
    /// The wall loss from <see cref="WallDbs"/> (and with <paramref name="exponent"/> the exponent from <see cref="Exponents"/>,
    /// every pair tried) that places the walk best. <paramref name="receiverZones"/> is each receiver's zone, the
    /// offsets those <see cref="ReceiverOffsets.Learn"/> took from the same walk.
    /// </summary>
    public static Choice Choose(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, PositionFitMap map,
        IReadOnlyDictionary<int, byte> receiverZones, IReadOnlyDictionary<int, double> offsets, bool exponent = false,
        CalibrationCriterion criterion = CalibrationCriterion.Replay)
    {
        var defaults = new PositionFitSettings();
        var venue = new ScoringVenue(null, receiverZones, map.Zones.ToHashSet());
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
            if (criterion == CalibrationCriterion.Levels)
            {
                tried[i] = new Tried(pairs[i].Wall, pairs[i].Exponent, null, LevelsError(trace, truth, map, offsets, settings));
                return;
            }

            var kind = ReceiverOffsets.Apply(Locators.PerDevice("position-fit", venue, () => new PositionFitLocator(map, settings)), offsets);
            tried[i] = new Tried(pairs[i].Wall, pairs[i].Exponent, Scorer.Score("position-fit", Replay.Run(trace, truth, kind)), double.NaN);
        });

        // Higher is better; a candidate must beat the defaults by the margin, and among equals the nearest to the defaults wins.
        Func<Tried, double> merit = criterion == CalibrationCriterion.Levels ? t => -t.LevelsErrorDb2 : t => t.Score!.SettledAccuracy;
        Tried atDefaults = tried.Single(t => t.WallDb == defaults.WallDb && t.Exponent == defaults.Exponent);
        double margin = criterion == CalibrationCriterion.Levels ? LevelsTieMargin * atDefaults.LevelsErrorDb2 : TieMargin;
        Tried best = tried.OrderByDescending(merit)
            .ThenBy(t => Math.Abs(t.WallDb - defaults.WallDb) + (10 * Math.Abs(t.Exponent - defaults.Exponent))).First();
        Tried chosen = merit(best) > merit(atDefaults) + margin ? best : atDefaults;
        return new Choice(With(chosen.WallDb, chosen.Exponent), tried);
    }

    /// <summary>
    /// How well a candidate's law explains the walk's levels where the walker was: per device and window, each heard
    /// receiver's mean level (offset applied); at each point of the zone the truth names, P0 by least squares and the
    /// squared misses; the zone's best point. The mean over windows and receivers, dB². The censored and hearing terms
    /// are left out: they say where a device is not, and the walk already says where it is.
    /// </summary>
    private static double LevelsError(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, PositionFitMap map,
        IReadOnlyDictionary<int, double> offsets, PositionFitSettings settings)
    {
        int[] ids = map.Receivers.Keys.Order().ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        double[,] logDistance = map.LogDistances(settings.HeightOffset, settings.Exponent);
        bool[,] walled = map.Walled();
        // Each window's zone, where the walker stayed in one zone all through it (a window across a door is left out).
        var zoneAt = truth.GroupBy(s => (s.Device, Window: s.TMs / LevelsWindowMs))
            .Where(g => g.All(s => s.Zone == g.First().Zone)).ToDictionary(g => g.Key, g => g.First().Zone);
        double total = 0;
        int count = 0;
        foreach (var window in trace.Where(r => index.ContainsKey(r.Receiver)).GroupBy(r => (r.Device, Window: r.TMs / LevelsWindowMs)))
        {
            if (!zoneAt.TryGetValue(window.Key, out byte zone))
            {
                continue;
            }

            var levels = window.GroupBy(r => index[r.Receiver])
                .Select(g => (R: g.Key, Level: g.Average(r => (double)ReceiverOffsets.Adjust(r.Rssi, r.Receiver, offsets)))).ToList();
            double best = double.PositiveInfinity;
            for (int p = 0; p < map.Points.Count; p++)
            {
                if (map.Points[p].Zone != zone)
                {
                    continue;
                }

                double Term((int R, double Level) l) => (settings.Exponent * logDistance[p, l.R]) + (walled[p, l.R] ? settings.WallDb : 0);
                double p0 = levels.Average(l => l.Level + Term(l));
                best = Math.Min(best, levels.Sum(l => (l.Level - (p0 - Term(l))) * (l.Level - (p0 - Term(l)))));
            }

            if (!double.IsPositiveInfinity(best))
            {
                total += best;
                count += levels.Count;
            }
        }

        return count == 0 ? 0 : total / count;
    }

    private static PositionFitSettings With(double wallDb, double exponent) => new() { WallDb = wallDb, Exponent = exponent };
}
