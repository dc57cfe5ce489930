namespace Beacons.Evaluation.Estimators;

/// <summary>The latest reports of one device per receiver, shared by the baselines.</summary>
internal sealed class ReceiverSamples
{
    public readonly Dictionary<int, Source> Sources = new();

    public void Add(int receiverId, byte zone, int rssi, long atMs, int keep)
    {
        if (!Sources.TryGetValue(receiverId, out Source? source))
        {
            source = new Source(zone);
            Sources[receiverId] = source;
        }

        source.Samples.Enqueue((rssi, atMs));
        while (source.Samples.Count > keep)
        {
            source.Samples.Dequeue();
        }

        source.LastMs = Math.Max(source.LastMs, atMs);
    }

    public sealed class Source
    {
        public Source(byte zone)
        {
            Zone = zone;
        }

        public byte Zone { get; }

        public Queue<(int Rssi, long AtMs)> Samples { get; } = new();

        public long LastMs { get; set; } = long.MinValue;

        public double Smoothed { get; set; } = double.NaN;
    }
}

/// <summary>
/// Strongest signal: the zone of the receiver that heard the device loudest in the last two seconds.
/// What a first attempt at room presence does; it flaps with every fade.
/// </summary>
public sealed class Strongest : IRoomEstimator
{
    public const int WindowMs = 2000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private byte _zone;
    private long _lastHeardMs = long.MinValue;

    public void Observe(int receiverId, byte zone, int rssi, long atMs)
    {
        _samples.Add(receiverId, zone, rssi, atMs, 1);
        _lastHeardMs = Math.Max(_lastHeardMs, atMs);
    }

    public byte Update(long nowMs)
    {
        int best = int.MinValue;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            var (rssi, at) = s.Samples.Peek();
            if (nowMs - at <= WindowMs && rssi > best)
            {
                best = rssi;
                _zone = s.Zone;
            }
        }

        if (best == int.MinValue && nowMs - _lastHeardMs > StaleMs)
        {
            _zone = 0;
        }

        return _zone;
    }
}

/// <summary>
/// Nearest receiver by filtered RSSI, as ESPresense does: per receiver, the last samples within a window,
/// outliers dropped by the interquartile rule, the median kept; the receiver with the strongest filtered
/// value (nearest, with equal calibration) names the zone. No hysteresis; a receiver silent for the
/// timeout drops out.
/// </summary>
public sealed class NearestMedian : IRoomEstimator
{
    public const int Samples = 5;
    public const int WindowMs = 10000;
    public const int TimeoutMs = 5000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private readonly List<int> _scratch = new();
    private byte _zone;
    private long _lastHeardMs = long.MinValue;

    public void Observe(int receiverId, byte zone, int rssi, long atMs)
    {
        _samples.Add(receiverId, zone, rssi, atMs, Samples);
        _lastHeardMs = Math.Max(_lastHeardMs, atMs);
    }

    public byte Update(long nowMs)
    {
        double best = double.MinValue;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            if (nowMs - s.LastMs > TimeoutMs)
            {
                continue;
            }

            _scratch.Clear();
            foreach (var (rssi, at) in s.Samples)
            {
                if (nowMs - at <= WindowMs)
                {
                    _scratch.Add(rssi);
                }
            }

            double filtered = Filtered(_scratch);
            if (filtered > best)
            {
                best = filtered;
                _zone = s.Zone;
            }
        }

        if (best == double.MinValue && nowMs - _lastHeardMs > StaleMs)
        {
            _zone = 0;
        }

        return _zone;
    }

    /// <summary>The median of the samples left after dropping those outside 1.5 IQR of the quartiles.</summary>
    public static double Filtered(List<int> values)
    {
        values.Sort();
        if (values.Count >= 4)
        {
            double q1 = Quantile(values, 0.25), q3 = Quantile(values, 0.75);
            double fence = 1.5 * (q3 - q1);
            values.RemoveAll(v => v < q1 - fence || v > q3 + fence);
        }

        return Quantile(values, 0.5);
    }

    private static double Quantile(List<int> sorted, double q)
    {
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (pos - lo));
    }
}

/// <summary>
/// A challenger must win by a margin for several samples, as Bermuda does: per receiver an exponentially
/// smoothed RSSI; the device stays in its zone until the best receiver of another zone beats the current
/// zone's best by <see cref="MarginDb"/> at <see cref="Rounds"/> updates in a row (three seconds). A
/// receiver silent for the timeout drops out, so the current zone is lost at once when its receiver goes.
/// </summary>
public sealed class Challenger : IRoomEstimator
{
    public const double Alpha = 0.3;
    public const double MarginDb = 3.0;
    public const int Rounds = 6;
    public const int TimeoutMs = 10000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private byte _zone;
    private byte _challenger;
    private int _wins;
    private long _lastHeardMs = long.MinValue;

    public void Observe(int receiverId, byte zone, int rssi, long atMs)
    {
        _samples.Add(receiverId, zone, rssi, atMs, 1);
        ReceiverSamples.Source s = _samples.Sources[receiverId];
        s.Smoothed = double.IsNaN(s.Smoothed) ? rssi : s.Smoothed + (Alpha * (rssi - s.Smoothed));
        _lastHeardMs = Math.Max(_lastHeardMs, atMs);
    }

    public byte Update(long nowMs)
    {
        double current = double.MinValue, best = double.MinValue;
        byte bestZone = 0;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            if (nowMs - s.LastMs > TimeoutMs)
            {
                s.Smoothed = double.NaN;
                continue;
            }

            if (s.Zone == _zone)
            {
                current = Math.Max(current, s.Smoothed);
            }

            if (s.Smoothed > best)
            {
                best = s.Smoothed;
                bestZone = s.Zone;
            }
        }

        if (bestZone == 0)
        {
            if (nowMs - _lastHeardMs > StaleMs)
            {
                _zone = 0;
            }

            return _zone;
        }

        if (_zone == 0 || current == double.MinValue)
        {
            _zone = bestZone;
            _wins = 0;
            return _zone;
        }

        if (bestZone != _zone && best >= current + MarginDb)
        {
            _wins = bestZone == _challenger ? _wins + 1 : 1;
            _challenger = bestZone;
            if (_wins >= Rounds)
            {
                _zone = bestZone;
                _wins = 0;
            }
        }
        else
        {
            _wins = 0;
        }

        return _zone;
    }
}
