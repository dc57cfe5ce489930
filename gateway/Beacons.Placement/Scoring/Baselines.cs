namespace Beacons.Placement.Scoring;

/// <summary>The latest readings of one device per receiver, shared by the baselines.</summary>
internal sealed class ReceiverSamples
{
    public readonly Dictionary<int, Source> Sources = new();

    public long LastHeardMs = long.MinValue;

    public Source Add(int receiver, byte zone, int rssi, long tMs, int keep)
    {
        if (!Sources.TryGetValue(receiver, out Source? source))
        {
            source = new Source(zone);
            Sources[receiver] = source;
        }

        source.Samples.Enqueue((rssi, tMs));
        while (source.Samples.Count > keep)
        {
            source.Samples.Dequeue();
        }

        source.LastMs = Math.Max(source.LastMs, tMs);
        LastHeardMs = Math.Max(LastHeardMs, tMs);
        return source;
    }

    public sealed class Source(byte zone)
    {
        public byte Zone { get; } = zone;

        public Queue<(int Rssi, long TMs)> Samples { get; } = new();

        public long LastMs { get; set; } = long.MinValue;

        public double Smoothed { get; set; } = double.NaN;
    }
}

/// <summary>
/// Strongest signal: the zone of the receiver that heard the device loudest, its latest reading within
/// the last two seconds. What a first attempt at room presence does; it flaps with every fade.
/// </summary>
public sealed class Strongest : IZoneLocator
{
    public const int WindowMs = 2000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private byte _zone;

    public void Observe(int receiver, byte zone, int rssi, long tMs) => _samples.Add(receiver, zone, rssi, tMs, 1);

    public byte Update(long tMs)
    {
        int best = int.MinValue;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            var (rssi, at) = s.Samples.Peek();
            if (tMs - at <= WindowMs && rssi > best)
            {
                best = rssi;
                _zone = s.Zone;
            }
        }

        if (best == int.MinValue && tMs - _samples.LastHeardMs > StaleMs)
        {
            _zone = 0;
        }

        return _zone;
    }
}

/// <summary>
/// Nearest receiver by filtered RSSI, as ESPresense does: per receiver, the last five readings within ten
/// seconds, outliers dropped by the interquartile rule, the median kept; the strongest filtered value
/// names the zone. No hysteresis; a receiver silent for five seconds drops out.
/// </summary>
public sealed class NearestMedian : IZoneLocator
{
    public const int Samples = 5;
    public const int WindowMs = 10000;
    public const int TimeoutMs = 5000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private readonly List<int> _scratch = new();
    private byte _zone;

    public void Observe(int receiver, byte zone, int rssi, long tMs) => _samples.Add(receiver, zone, rssi, tMs, Samples);

    public byte Update(long tMs)
    {
        double best = double.MinValue;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            if (tMs - s.LastMs > TimeoutMs)
            {
                continue;
            }

            _scratch.Clear();
            foreach (var (rssi, at) in s.Samples)
            {
                if (tMs - at <= WindowMs)
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

        if (best == double.MinValue && tMs - _samples.LastHeardMs > StaleMs)
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
/// A challenger must win by a margin for several rounds, as Bermuda does: per receiver an exponentially
/// smoothed RSSI; the device stays in its zone until the best receiver of another zone beats the current
/// zone's best by <see cref="MarginDb"/> at <see cref="Rounds"/> rounds in a row (a round every
/// <see cref="RoundMs"/>, so three seconds however often it is asked). A receiver silent for the timeout
/// drops out, so the current zone is lost at once when its receiver goes.
/// </summary>
public sealed class Challenger : IZoneLocator
{
    public const double Alpha = 0.3;
    public const double MarginDb = 3.0;
    public const int Rounds = 6;
    public const int RoundMs = 500;
    public const int TimeoutMs = 10000;
    public const int StaleMs = 20000;

    private readonly ReceiverSamples _samples = new();
    private byte _zone;
    private byte _challenger;
    private int _wins;
    private long _roundMs = long.MinValue / 2; // no round yet (halved: the subtraction must not overflow)

    public void Observe(int receiver, byte zone, int rssi, long tMs)
    {
        ReceiverSamples.Source s = _samples.Add(receiver, zone, rssi, tMs, 1);
        s.Smoothed = double.IsNaN(s.Smoothed) ? rssi : s.Smoothed + (Alpha * (rssi - s.Smoothed));
    }

    public byte Update(long tMs)
    {
        double current = double.MinValue, best = double.MinValue;
        byte bestZone = 0;
        foreach (ReceiverSamples.Source s in _samples.Sources.Values)
        {
            if (tMs - s.LastMs > TimeoutMs)
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
            if (tMs - _samples.LastHeardMs > StaleMs)
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

        if (tMs - _roundMs < RoundMs)
        {
            return _zone;
        }

        _roundMs = tMs;
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
