namespace Beacons.ZoneScoring;

/// <summary>One device's truth samples and the answers a locator gave at each of them.</summary>
public sealed record DeviceAnswers(int Device, IReadOnlyList<TruthSample> Truth, byte[] Answers);

/// <summary>
/// Replays a trace through a locator at the live cadence: one locator per device; each reading is
/// observed and followed by Update, as the gateway does on every report; at each truth sample (every
/// 100 ms) Update is asked once more and its answer is that sample's answer. Readings stamped at a
/// sample's time come before it.
/// </summary>
public static class Replay
{
    public static IReadOnlyList<DeviceAnswers> Run(
        IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IReadOnlyDictionary<int, byte> receiverZones, LocatorKind kind)
    {
        var readingsByDevice = trace.GroupBy(r => r.Device).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<DeviceAnswers>();
        foreach (var samples in truth.GroupBy(s => s.Device))
        {
            List<TruthSample> deviceTruth = samples.ToList();
            List<TraceReading> readings = readingsByDevice.GetValueOrDefault(samples.Key) ?? [];
            IZoneLocator locator = kind.Create();
            var answers = new byte[deviceTruth.Count];
            int next = 0;
            for (int i = 0; i < deviceTruth.Count; i++)
            {
                long t = deviceTruth[i].TMs;
                for (; next < readings.Count && readings[next].TMs <= t; next++)
                {
                    TraceReading r = readings[next];
                    locator.Observe(r.Receiver, receiverZones[r.Receiver], r.Rssi, r.TMs);
                    locator.Update(r.TMs);
                }

                answers[i] = locator.Update(t);
            }

            result.Add(new DeviceAnswers(samples.Key, deviceTruth, answers));
        }

        return result;
    }
}
