namespace Beacons.Placement.Scoring;

/// <summary>
/// Per-receiver offsets learned from a calibration walk (a trace and its truth): each receiver's median
/// RSSI while the device was in the receiver's own zone, brought to the mean of those medians. Adding a
/// receiver's offset to its readings makes receivers that read hot or cold (gain, mounting, a room's
/// size) comparable. Receivers heard fewer than <see cref="MinReadings"/> times from their own zone get 0.
/// The gateway applies the offsets of the latest calibration walk live (<see cref="ZonePlacement.SetReceiverOffsets"/>),
/// and <c>beacons evaluate --calibration-*</c> learns them here from the same files.
/// </summary>
public static class ReceiverOffsets
{
    /// <summary>Fewer readings from a receiver's own zone than this (five seconds of a badge) say too little to learn its offset.</summary>
    public const int MinReadings = 10;

    public static IReadOnlyDictionary<int, double> Learn(
        IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IReadOnlyDictionary<int, byte> receiverZones)
    {
        var medians = InOwnZone(trace, truth, receiverZones).Where(p => p.Value.Count >= MinReadings).ToDictionary(p => p.Key, p => Median(p.Value));
        double reference = medians.Count == 0 ? 0 : medians.Values.Average();
        return receiverZones.Keys.ToDictionary(id => id, id => medians.TryGetValue(id, out double m) ? reference - m : 0);
    }

    /// <summary>How many readings each receiver gave while the device was in the receiver's own zone (receivers with none left out).</summary>
    public static IReadOnlyDictionary<int, int> OwnZoneReadings(
        IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IReadOnlyDictionary<int, byte> receiverZones) =>
        InOwnZone(trace, truth, receiverZones).ToDictionary(p => p.Key, p => p.Value.Count);

    /// <summary>A reading moved by its receiver's offset, rounded to a whole dB: live and in a replay alike.</summary>
    public static int Adjust(int rssi, int receiver, IReadOnlyDictionary<int, double> offsets) =>
        rssi + (int)Math.Round(offsets.GetValueOrDefault(receiver));

    private static Dictionary<int, List<int>> InOwnZone(
        IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IReadOnlyDictionary<int, byte> receiverZones)
    {
        var truthByDevice = truth.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.ToList());
        var inOwnZone = new Dictionary<int, List<int>>();
        foreach (TraceReading r in trace)
        {
            if (!truthByDevice.TryGetValue(r.Device, out var samples))
            {
                continue;
            }

            byte zone = ZoneAt(samples, r.TMs);
            if (zone == receiverZones[r.Receiver])
            {
                (inOwnZone.TryGetValue(r.Receiver, out var list) ? list : inOwnZone[r.Receiver] = []).Add(r.Rssi);
            }
        }

        return inOwnZone;
    }

    /// <summary>A trace with each reading moved by its receiver's offset, as <see cref="Apply"/> moves it for a locator.</summary>
    public static IReadOnlyList<TraceReading> Moved(IReadOnlyList<TraceReading> trace, IReadOnlyDictionary<int, double> offsets) =>
        trace.Select(r => r with { Rssi = Adjust(r.Rssi, r.Receiver, offsets) }).ToList();

    /// <summary>A locator whose readings are first moved by their receiver's offset (rounded to a whole dB).</summary>
    public static LocatorKind Apply(LocatorKind kind, IReadOnlyDictionary<int, double> offsets) =>
        new(kind.Name, () => new Offset(kind.Create(), offsets));

    /// <summary>The zone of the truth's last sample at or before <paramref name="t"/> (samples in time order).</summary>
    internal static byte ZoneAt(List<TruthSample> samples, long t)
    {
        int lo = 0, hi = samples.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (samples[mid].TMs <= t)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return samples[lo].Zone;
    }

    private static double Median(List<int> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2.0;
    }

    private sealed class Offset(ITracePlacer inner, IReadOnlyDictionary<int, double> offsets) : ITracePlacer
    {
        public void Observe(int receiver, int device, int rssi, long tMs) =>
            inner.Observe(receiver, device, Adjust(rssi, receiver, offsets), tMs);

        public byte Zone(int device, long tMs) => inner.Zone(device, tMs);
    }
}
