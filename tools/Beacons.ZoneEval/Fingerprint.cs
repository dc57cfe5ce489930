using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// Each receiver's level of one device on a fixed grid (every <see cref="StepMs"/>): the mean of its step
/// readings since the device was first heard, turning into an average with weight <see cref="Alpha"/>
/// once it holds more steps; a step the receiver missed while another heard the device counts as
/// <see cref="MissDbm"/>, and a receiver never heard stands at it. The fingerprint's view of a device,
/// the same for the survey and for the device located.
/// </summary>
public sealed class FingerprintLevels(IReadOnlyList<int> receivers, double alpha)
{
    public const long StepMs = 500;
    public const double MissDbm = -100;
    public double Alpha { get; } = alpha;

    private readonly double[] _sum = new double[receivers.Count];
    private readonly int[] _count = new int[receivers.Count];
    private readonly double[] _level = Enumerable.Repeat(MissDbm, receivers.Count).ToArray();
    private readonly int[] _steps = new int[receivers.Count];

    public void Add(int receiver, int rssi)
    {
        int i = IndexOf(receiver);
        if (i >= 0)
        {
            _sum[i] += rssi;
            _count[i]++;
        }
    }

    /// <summary>Folds the step's readings in; returns the levels (the same array each time), or null when nobody heard the device in the step.</summary>
    public double[]? Step()
    {
        if (_count.All(c => c == 0))
        {
            return null;
        }

        for (int i = 0; i < _level.Length; i++)
        {
            double dbm = _count[i] > 0 ? _sum[i] / _count[i] : MissDbm;
            int n = Math.Min(++_steps[i], (int)Math.Round(1 / Alpha));
            _level[i] += (dbm - _level[i]) / n;
            _sum[i] = 0;
            _count[i] = 0;
        }

        return _level;
    }

    private int IndexOf(int receiver)
    {
        for (int i = 0; i < receivers.Count; i++)
        {
            if (receivers[i] == receiver)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// A site survey as fingerprints: the levels (<see cref="FingerprintLevels"/>) of every surveyed device at
/// every step, each with the zone the truth gives it then. A calibration walk (the flat's other walks) or
/// the other cells of the UCI floor.
/// </summary>
public sealed class FingerprintSurvey
{
    private readonly List<(double[] Levels, byte Zone)> _points = new();

    private FingerprintSurvey(IReadOnlyList<int> receivers, double alpha)
    {
        Receivers = receivers;
        Alpha = alpha;
    }

    public IReadOnlyList<int> Receivers { get; }

    public double Alpha { get; }

    public int Count => _points.Count;


    public static FingerprintSurvey Learn(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IReadOnlyList<int> receivers, double alpha)
    {
        var survey = new FingerprintSurvey(receivers, alpha);
        var zoneAt = truth.ToDictionary(s => (s.Device, s.TMs / Scorer.SampleMs), s => s.Zone);
        foreach (var device in trace.GroupBy(r => r.Device))
        {
            var levels = new FingerprintLevels(receivers, alpha);
            long step = long.MinValue;
            foreach (TraceReading r in device)
            {
                long floor = r.TMs - (r.TMs % FingerprintLevels.StepMs);
                if (step != long.MinValue && floor > step)
                {
                    survey.AddStep(levels, device.Key, step + FingerprintLevels.StepMs, zoneAt);
                }

                step = floor;
                levels.Add(r.Receiver, r.Rssi);
            }

            if (step != long.MinValue)
            {
                survey.AddStep(levels, device.Key, step + FingerprintLevels.StepMs, zoneAt);
            }
        }

        return survey;
    }

    private void AddStep(FingerprintLevels levels, int device, long t, Dictionary<(int, long), byte> zoneAt)
    {
        double[]? l = levels.Step();
        if (l != null && zoneAt.TryGetValue((device, (t - 1) / Scorer.SampleMs), out byte zone))
        {
            _points.Add(((double[])l.Clone(), zone));
        }
    }

    /// <summary>
    /// Adds to <paramref name="votes"/> the zones of the <paramref name="k"/> survey points nearest
    /// <paramref name="levels"/>, and of every point as near as the k-th (many read alike: an arbitrary cut
    /// would favour whichever zone was surveyed first); the votes sum to 1.
    /// </summary>
    public void Vote(double[] levels, int k, Dictionary<byte, double> votes)
    {
        var distances = new (double D, byte Zone)[_points.Count];
        for (int p = 0; p < _points.Count; p++)
        {
            double d = 0;
            double[] point = _points[p].Levels;
            for (int i = 0; i < point.Length; i++)
            {
                double x = point[i] - levels[i];
                d += x * x;
            }

            distances[p] = (d, _points[p].Zone);
        }

        Array.Sort(distances, (x, y) => x.D.CompareTo(y.D));
        int voters = Math.Min(k, distances.Length);
        while (voters > 0 && voters < distances.Length && distances[voters].D == distances[voters - 1].D)
        {
            voters++;
        }

        for (int i = 0; i < voters; i++)
        {
            votes[distances[i].Zone] = votes.GetValueOrDefault(distances[i].Zone) + (1.0 / voters);
        }
    }
}

/// <summary>
/// Locates one device by a site survey: at each step the <c>k</c> survey points nearest its levels vote;
/// the votes are averaged over steps (weight <paramref name="smoothing"/>), and another zone takes over
/// when its share leads the current zone's by <paramref name="margin"/>. Gateway-side: it needs the survey.
/// </summary>
public sealed class FingerprintLocator(FingerprintSurvey survey, int k, double smoothing, double margin, long staleMs) : IZoneLocator
{
    private readonly FingerprintLevels _levels = new(survey.Receivers, survey.Alpha);
    private readonly Dictionary<byte, double> _share = new();
    private readonly Dictionary<byte, double> _votes = new();
    private long _step = long.MinValue;
    private long _lastHeardMs = long.MinValue;
    private byte _zone;

    public void Observe(int receiver, byte zone, int rssi, long tMs)
    {
        StepBefore(tMs);
        long floor = tMs - (tMs % FingerprintLevels.StepMs);
        _step = _step == long.MinValue ? floor : _step;
        _levels.Add(receiver, rssi);
        _lastHeardMs = tMs;
    }

    public byte Update(long tMs)
    {
        StepBefore(tMs + 1);
        return _lastHeardMs != long.MinValue && tMs - _lastHeardMs > staleMs ? (byte)0 : _zone;
    }

    // Takes the step that closes before t, if one is open.
    private void StepBefore(long t)
    {
        if (_step == long.MinValue || t <= _step + FingerprintLevels.StepMs - 1)
        {
            return;
        }

        double[]? levels = _levels.Step();
        _step = long.MinValue;
        if (levels == null)
        {
            return;
        }

        _votes.Clear();
        survey.Vote(levels, k, _votes);
        foreach (byte z in _share.Keys.Union(_votes.Keys).ToList())
        {
            double v = _votes.GetValueOrDefault(z);
            _share[z] = _zone == 0 ? v : _share.GetValueOrDefault(z) + (smoothing * (v - _share.GetValueOrDefault(z)));
        }

        byte best = _share.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
        if (_zone == 0 || _share[best] - _share.GetValueOrDefault(_zone) > margin)
        {
            _zone = best;
        }
    }
}
