namespace Beacons.Placement.Scoring;

/// <summary>One device's truth samples and the answers a locator gave at each of them.</summary>
public sealed record DeviceAnswers(int Device, IReadOnlyList<TruthSample> Truth, byte[] Answers);

/// <summary>
/// Replays a trace through a locator at the live cadence, all devices in one time line as the gateway
/// sees them: each reading is observed and followed by the zone of its device, as on every report; once a
/// second (whole seconds of trace time) the zone of every device shown in a zone is asked again, as the
/// gateway's tick does. Each truth sample (every 100 ms) takes the device's last answer, holding it; the
/// sample asks nothing, so scoring does not change what it scores. Readings and ticks stamped at a
/// sample's time come before it.
/// </summary>
public static class Replay
{
    public const long TickMs = 1000;

    public static IReadOnlyList<DeviceAnswers> Run(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, LocatorKind kind)
    {
        ITracePlacer placer = kind.Create();
        var shown = new Dictionary<int, byte>();
        var answers = truth.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => (Truth: g.ToList(), Answers: new List<byte>()));
        var samples = truth.OrderBy(s => s.TMs).ToList(); // stable: a device's samples keep their order
        long nextTick = long.MinValue;
        int next = 0;

        void Until(long t)
        {
            for (; next < trace.Count && trace[next].TMs <= t; next++)
            {
                TraceReading r = trace[next];
                Tick(r.TMs);
                placer.Observe(r.Receiver, r.Device, r.Rssi, r.TMs);
                shown[r.Device] = placer.Zone(r.Device, r.TMs);
            }

            Tick(t);
        }

        void Tick(long t)
        {
            if (nextTick == long.MinValue)
            {
                long floor = t - (((t % TickMs) + TickMs) % TickMs);
                nextTick = floor == t ? t : floor + TickMs;
            }

            for (; nextTick <= t; nextTick += TickMs)
            {
                foreach (int device in shown.Where(p => p.Value != 0).Select(p => p.Key).ToList())
                {
                    shown[device] = placer.Zone(device, nextTick);
                }
            }
        }

        foreach (TruthSample s in samples)
        {
            Until(s.TMs);
            answers[s.Device].Answers.Add(shown.GetValueOrDefault(s.Device));
        }

        return answers.Select(p => new DeviceAnswers(p.Key, p.Value.Truth, p.Value.Answers.ToArray())).ToList();
    }
}
