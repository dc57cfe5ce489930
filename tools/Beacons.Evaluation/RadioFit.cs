using System.Globalization;
using Beacons.Placement.Scoring;
using Beacons.Simulator.Radio;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Evaluation;

/// <summary>
/// `radio-fit`: the four radio statistics (RadioStatistics) on the flat's real readings and on the
/// simulator's readings for the same walks through the same flat, side by side, and the radio settings
/// that bring them closest (a grid search). docs/simulator.md, "Fitted to the flat", shows what it prints.
/// </summary>
public static class RadioFit
{
    private const double AdvertRatePerSecond = 5; // the flat's tag (data README)
    private static readonly double[] Separations = [0.25, 1, 3];

    public static int Run(string[] args)
    {
        string folder = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "flat-walks");
        Venue.Venue venue = VenueFile.Load(Path.Combine(folder, "venue.json"));
        var walks = Walk.Load(folder);
        var real = Readings.FromTrace(folder, walks);
        Figures realFigures = Figures.Of(real, venue, walks);

        var before = new RadioSettings();
        const double beforeWallDb = 12; // the demo venue's strongest walls (exterior, stair cores): what walls like a school's do in the flat
        Figures beforeFigures = Figures.Of(Simulate(venue, walks, before, beforeWallDb), venue, walks);

        (RadioSettings fitted, double fittedWallDb, Figures fittedFigures) = Fit(venue, walks, realFigures);

        Console.WriteLine("| statistic | flat (real) | simulator, defaults, 12 dB walls | simulator, fitted |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, pick, _) in Figures.Rows)
        {
            Console.WriteLine($"| {name} | {pick(realFigures):0.00} | {pick(beforeFigures):0.00} | {pick(fittedFigures):0.00} |");
        }

        Console.WriteLine();
        Console.WriteLine("| parameter | current default | fitted |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| PathLossExponent | {before.PathLossExponent} | {fitted.PathLossExponent:0.0} |");
        Console.WriteLine($"| ShadowingSigmaDb | {before.ShadowingSigmaDb} | {fitted.ShadowingSigmaDb} |");
        Console.WriteLine($"| ShadowingDecorrelationMetres | {before.ShadowingDecorrelationMetres} | {fitted.ShadowingDecorrelationMetres} |");
        Console.WriteLine($"| RicianKLineOfSight / Obstructed | {before.RicianKLineOfSight} / {before.RicianKObstructed} | {fitted.RicianKLineOfSight} / {fitted.RicianKObstructed} |");
        Console.WriteLine($"| WifiCoexistenceLoss (what sensitivity leaves of the flat's loss) | {before.WifiCoexistenceLoss} | {fitted.WifiCoexistenceLoss:0.00} |");
        Console.WriteLine($"| wall between rooms (dB) | {beforeWallDb} | {fittedWallDb} |");

        // What the radio does to the answer: every estimator on the real walks and on the simulated ones (same
        // flat, paths, receivers and 100 ms truth), scored as beacons evaluate scores.
        var scoring = ScoringVenue.From(venue);
        IReadOnlyList<ScoreLine> realScores = TraceEvaluation.Score(ScoredTrace.Read(scoring, Path.Combine(folder, "trace.csv"), Path.Combine(folder, "truth.csv")), null);
        IReadOnlyList<TruthSample> truth = TraceFiles.ReadTruth(Path.Combine(folder, "truth.csv"), scoring.Zones);
        IReadOnlyList<ScoreLine> Simulated(RadioSettings settings, double wallDb) =>
            TraceEvaluation.Score(new ScoredTrace(scoring, AsTrace(Simulate(venue, walks, settings, wallDb)), truth), null);
        IReadOnlyList<ScoreLine> beforeScores = Simulated(before, beforeWallDb), fittedScores = Simulated(fitted, fittedWallDb);
        Console.WriteLine();
        Console.WriteLine("| estimator | flat (real): accuracy / settled | simulator, defaults, 12 dB walls | simulator, fitted |");
        Console.WriteLine("|---|---|---|---|");
        for (int i = 0; i < realScores.Count; i++)
        {
            static string Both(ScoreLine l) => $"{l.Accuracy * 100:0.0} / {l.SettledAccuracy * 100:0.0} %";
            Console.WriteLine($"| {realScores[i].Name} | {Both(realScores[i])} | {Both(beforeScores[i])} | {Both(fittedScores[i])} |");
        }

        return 0;
    }

    // The loss is fitted apart: each candidate runs without Wi-Fi loss, and the Wi-Fi share is what the flat
    // loses beyond what falls below sensitivity (thinning at random leaves the other statistics as they are).
    private static (RadioSettings, double, Figures) Fit(Venue.Venue venue, Dictionary<int, Walk> walks, Figures real)
    {
        (RadioSettings Settings, double WallDb)? best = null;
        double bestError = double.MaxValue;
        foreach (double exponent in new[] { 0.7, 1.0, 1.3 })
        foreach (double sigma in new[] { 4.0, 6, 8 })
        foreach (double k in new[] { 10.0, 30 })
        foreach (double metres in new[] { 0.5, 1 })
        foreach (double wallDb in new[] { 2.0, 4, 6 })
        {
            var settings = new RadioSettings
            {
                PathLossExponent = exponent,
                ShadowingSigmaDb = sigma,
                ShadowingDecorrelationMetres = metres,
                RicianKLineOfSight = k,
                RicianKObstructed = k / 4,
                WifiCoexistenceLoss = 0,
            };
            Figures f = Figures.Of(Simulate(venue, walks, settings, wallDb), venue, walks);
            double wifi = Math.Max(0, 1 - ((1 - real.Loss) / (1 - f.Loss)));
            f = f with { Loss = Math.Max(f.Loss, real.Loss) };
            double error = Figures.Rows.Sum(r => Square(r.Pick(f) - r.Pick(real)) * r.Weight);
            if (error < bestError)
            {
                bestError = error;
                best = (settings with { WifiCoexistenceLoss = Math.Round(wifi, 2) }, wallDb);
            }
        }

        var (fitted, fittedWallDb) = best!.Value;
        return (fitted, fittedWallDb, Figures.Of(Simulate(venue, walks, fitted, fittedWallDb), venue, walks));
    }

    private static double Square(double x) => double.IsNaN(x) ? 100 : x * x;

    /// <summary>The simulator's mean, shadowing and fading for the same tag walks: one reading per advert per receiver, as an ESP32 reports it.</summary>
    private static List<Reading> Simulate(Venue.Venue flat, Dictionary<int, Walk> walks, RadioSettings settings, double wallDb)
    {
        // The flat's venue file has rooms but no walls: every room edge becomes half a wall (shared edges are drawn by both rooms).
        var walls = flat.Zones.SelectMany(z => z.Outline.Select((p, i) => new Wall(z.Floor, p, z.Outline[(i + 1) % z.Outline.Count], wallDb / 2))).ToList();
        var propagation = new Propagation(flat with { Walls = walls }, settings);
        var random = new SimRandom(17);
        double[] receiverOffset = flat.Receivers.Select(_ => random.Gaussian() * settings.ReceiverOffsetSigmaDb).ToArray();
        var readings = new List<Reading>();
        foreach (Walk walk in walks.Values)
        {
            var links = new Links(propagation, 1, flat.Receivers.Count, (ulong)walk.Device);
            double deviceOffset = random.Gaussian() * settings.DeviceOffsetSigmaDb;
            for (double t = walk.StartMs; t <= walk.EndMs; t += (1000 / AdvertRatePerSecond) + random.Uniform(0, settings.AdvertDelayMaxMs))
            {
                var spot = new Spot(0, walk.At(t), 0);
                var from = new LinkEnd(spot, settings.WearableRssiAt1m, deviceOffset, false);
                for (int r = 0; r < flat.Receivers.Count; r++)
                {
                    VenueReceiver receiver = flat.Receivers[r];
                    var to = new LinkEnd(new Spot(0, receiver.Position, 0), 0, receiverOffset[r], false);
                    double mean = links.Mean(0, r, from, to, t / 1000, out bool los);
                    double rssi = mean + Fading.SampleDb(random, los ? settings.RicianKLineOfSight : settings.RicianKObstructed);
                    if (random.NextDouble() < settings.WifiCoexistenceLoss || rssi < settings.SensitivityDbm)
                    {
                        continue;
                    }

                    readings.Add(new Reading(walk.Device, t, receiver.Id, Math.Round(rssi)));
                }
            }
        }

        return readings;
    }

    private static List<TraceReading> AsTrace(List<Reading> readings) =>
        readings.Select(r => new TraceReading((long)r.TMs, r.Receiver, r.Device, (int)r.Rssi)).OrderBy(r => r.TMs).ToList();

    private sealed record Reading(int Device, double TMs, int Receiver, double Rssi);

    private static class Readings
    {
        public static List<Reading> FromTrace(string folder, Dictionary<int, Walk> walks) =>
            File.ReadLines(Path.Combine(folder, "trace.csv")).Skip(1).Select(l => l.Split(','))
                .Select(p => new Reading(int.Parse(p[2]), double.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1]), double.Parse(p[3], CultureInfo.InvariantCulture)))
                .Where(r => walks.ContainsKey(r.Device) && r.TMs >= walks[r.Device].StartMs && r.TMs <= walks[r.Device].EndMs)
                .ToList();
    }

    /// <summary>One survey walk: the tag's positions (venue frame), metres moved, and the true room every 100 ms.</summary>
    private sealed class Walk
    {
        private readonly List<(double T, PlanPoint P, double Along)> _path = [];
        private readonly Dictionary<long, int> _zone = [];

        public int Device { get; init; }

        public double StartMs => _zone.Keys.Min() * 100.0;

        public double EndMs => _zone.Keys.Max() * 100.0;

        public static Dictionary<int, Walk> Load(string folder)
        {
            var walks = new Dictionary<int, Walk>();
            Walk For(int device) => walks.TryGetValue(device, out Walk? w) ? w : walks[device] = new Walk { Device = device };
            foreach (string[] p in File.ReadLines(Path.Combine(folder, "path.csv")).Skip(1).Select(l => l.Split(',')))
            {
                Walk w = For(int.Parse(p[1]));
                // Already in the venue's frame: these positions fall in the truth's room (4,099 of 4,102); mirrored
                // (y' = 7.10 − y, as the data README has it) only 1,566 do.
                var point = new PlanPoint(double.Parse(p[2], CultureInfo.InvariantCulture), double.Parse(p[3], CultureInfo.InvariantCulture));
                double along = w._path.Count == 0 ? 0 : w._path[^1].Along + Plan.Distance(w._path[^1].P, point);
                w._path.Add((double.Parse(p[0], CultureInfo.InvariantCulture), point, along));
            }

            foreach (string[] p in File.ReadLines(Path.Combine(folder, "truth.csv")).Skip(1).Select(l => l.Split(',')))
            {
                For(int.Parse(p[1]))._zone[long.Parse(p[0]) / 100] = int.Parse(p[2]);
            }

            return walks;
        }

        public PlanPoint At(double t) => Interpolate(t).P;

        public double Along(double t) => Interpolate(t).Along;

        public int ZoneAt(double t) => _zone.TryGetValue((long)Math.Round(t / 100), out int z) ? z : 0;

        private (PlanPoint P, double Along) Interpolate(double t)
        {
            int lo = 0, hi = _path.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_path[mid].T >= t) { hi = mid; } else { lo = mid + 1; }
            }

            int i = lo == _path.Count ? -1 : lo;
            if (i <= 0)
            {
                var s = i == 0 ? _path[0] : _path[^1];
                return (s.P, s.Along);
            }

            var (t0, p0, a0) = _path[i - 1];
            var (t1, p1, a1) = _path[i];
            double f = (t - t0) / (t1 - t0);
            return (new PlanPoint(p0.X + (f * (p1.X - p0.X)), p0.Y + (f * (p1.Y - p0.Y))), a0 + (f * (a1 - a0)));
        }
    }

    private sealed record Figures(double RssiAt1m, double Exponent, double ResidualSd, double Scatter, double WallStep, double Loss, double[] Correlations, double LoudestOwn)
    {
        public static readonly (string Name, Func<Figures, double> Pick, double Weight)[] Rows =
        [
            ("RSSI at 1 m, log-distance fit (dBm)", f => f.RssiAt1m, 0),
            ("path-loss exponent, same fit", f => f.Exponent, 4),
            ("spread around that fit (dB)", f => f.ResidualSd, 1),
            ("scatter at a standing point (dB, SD over 5 s)", f => f.Scatter, 4),
            ("step through a wall (dB, own room − other rooms, distance taken out)", f => f.WallStep, 1),
            ("adverts lost (share, 5/s sent)", f => f.Loss, 100),
            ("residual correlation at 0.25 m moved", f => f.Correlations[0], 25),
            ("residual correlation at 1 m moved", f => f.Correlations[1], 25),
            ("residual correlation at 3 m moved", f => f.Correlations[2], 25),
            ("loudest receiver in the tag's room (share of 1 s windows)", f => f.LoudestOwn, 400),
        ];

        public static Figures Of(List<Reading> readings, Venue.Venue venue, Dictionary<int, Walk> walks)
        {
            var receivers = venue.Receivers.ToDictionary(r => r.Id);
            var rows = readings.Select(r =>
            {
                Walk w = walks[r.Device];
                PlanPoint p = w.At(r.TMs);
                return (r, Metres: Plan.Distance(p, receivers[r.Receiver].Position), Along: w.Along(r.TMs), Zone: w.ZoneAt(r.TMs));
            }).ToList();
            var (p1m, n) = RadioStatistics.LogDistanceFit(rows.Select(x => (x.Metres, x.r.Rssi)).ToList());
            var residual = rows.Select(x => (x.r, x.Along, x.Zone, Residual: x.r.Rssi - (p1m - (10 * n * Math.Log10(Math.Max(x.Metres, 0.5)))))).ToList();

            var standing = residual.GroupBy(x => (x.r.Device, x.r.Receiver, Window: (long)(x.r.TMs / 5000)))
                .Where(g => g.Max(x => x.Along) - g.Min(x => x.Along) < 0.05)
                .Select(g => (IReadOnlyList<double>)g.Select(x => x.r.Rssi).ToList());
            double scatter = RadioStatistics.StandingScatterDb(standing);

            double wall = RadioStatistics.WallStepDb(
                residual.Where(x => x.Zone == receivers[x.r.Receiver].Zone).Select(x => x.Residual).ToList(),
                residual.Where(x => x.Zone != 0 && x.Zone != receivers[x.r.Receiver].Zone).Select(x => x.Residual).ToList());

            double expected = walks.Values.Sum(w => (w.EndMs - w.StartMs) / 1000 * AdvertRatePerSecond) * venue.Receivers.Count;
            double loss = RadioStatistics.LossShare(readings.Count, expected);

            var series = residual.GroupBy(x => (x.r.Device, x.r.Receiver))
                .Select(g => (IReadOnlyList<(double, double)>)g.OrderBy(x => x.r.TMs).Select(x => (x.Along, x.Residual)).ToList()).ToList();
            double[] correlations = Separations
                .Select(s => series.Select(sr => RadioStatistics.CorrelationAt(sr, s, 0.05)).Where(c => !double.IsNaN(c)).DefaultIfEmpty(double.NaN).Average())
                .ToArray();
            double loudest = RadioStatistics.LoudestInOwnRoomShare(rows.GroupBy(x => (x.r.Device, Second: (long)(x.r.TMs / 1000)))
                .Select(g => (IReadOnlyList<(double, bool)>)g.Select(x => (x.r.Rssi, x.Zone == receivers[x.r.Receiver].Zone)).ToList()));
            return new Figures(p1m, n, RadioStatistics.StandardDeviation(residual.Select(x => x.Residual).ToList()), scatter, wall, loss, correlations, loudest);
        }
    }
}
