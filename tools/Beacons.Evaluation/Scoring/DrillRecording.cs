using Beacons.Evaluation.Estimators;
using Beacons.Evaluation.Feed;
using Beacons.Placement.Scoring;
using Beacons.Protocol;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;

namespace Beacons.Evaluation.Scoring;

/// <summary>What the gateway side made of one device over the drill, sampled on a fixed grid.</summary>
public sealed class DeviceRecord
{
    public DeviceRecord(ushort id, FrameKind kind, int estimators, int halfSeconds, int seconds)
    {
        Id = id;
        Kind = kind;
        Estimates = new byte[estimators][];
        for (int i = 0; i < estimators; i++)
        {
            Estimates[i] = new byte[halfSeconds];
        }

        NewestHeardMs = new long[seconds];
        ShownColour = new TriageColour[seconds];
    }

    public ushort Id { get; }

    public FrameKind Kind { get; }

    /// <summary>Per estimator, its zone at every half second of simulation time.</summary>
    public byte[][] Estimates { get; }

    /// <summary>At every whole second, when the newest report of the device had been heard (long.MinValue: never).</summary>
    public long[] NewestHeardMs { get; }

    /// <summary>At every whole second, the committed colour the gateway would show for a tag.</summary>
    public TriageColour[] ShownColour { get; }

    /// <summary>Verified reports of this device that reached the gateway.</summary>
    public long Reports { get; set; }
}

/// <summary>
/// Runs a simulated drill in-process, no network, as fast as it goes: the datagrams go through a
/// <see cref="DecodingSink"/> into every estimator of every badge and tag, and the estimates, the
/// freshness of the newest report and the shown tag colour are recorded on a fixed grid for scoring
/// against the ground truth.
/// </summary>
public sealed class DrillRecording
{
    private readonly Dictionary<ushort, Tracked> _tracked = new();

    private DrillRecording(DrillEngine engine, DecodingSink sink, IReadOnlyList<EstimatorKind> estimators)
    {
        Engine = engine;
        Sink = sink;
        Estimators = estimators;
    }

    public DrillEngine Engine { get; }

    public DecodingSink Sink { get; }

    public IReadOnlyList<EstimatorKind> Estimators { get; }

    public IEnumerable<DeviceRecord> Devices => _tracked.Values.Select(t => t.Record);

    public TimeSpan Elapsed { get; private set; }

    public static DrillRecording Run(DrillFiles files, SimulationOptions options, IReadOnlyList<EstimatorKind> estimators)
    {
        DrillRecording? recording = null;
        var blindZones = new Placement.BlindZones(files.Venue);
        var sink = new DecodingSink(files.Venue, files.Exercise, blindZones, r => recording!.OnReport(r));
        var engine = new DrillEngine(files.Venue, files.Exercise, files.Scenario, options with { Speed = 0 }, sink);
        recording = new DrillRecording(engine, sink, estimators);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int seconds = (int)Math.Ceiling(files.Scenario.DurationSeconds) + 1;
        foreach (var device in engine.Devices)
        {
            if (device.Kind != FrameKind.Anchor)
            {
                recording._tracked[device.DeviceId] = new Tracked(
                    new DeviceRecord(device.DeviceId, device.Kind, estimators.Count, 2 * seconds, seconds),
                    estimators.Select(e => e.Create(blindZones)).ToArray());
            }
        }

        while (!engine.Finished)
        {
            engine.Step();
            long now = engine.SimMs;
            if (now % 500 == 0)
            {
                recording.Sample(now);
            }
        }

        recording.Elapsed = clock.Elapsed;
        return recording;
    }

    private void OnReport(Report r)
    {
        if (!_tracked.TryGetValue(r.DeviceId, out Tracked? t))
        {
            return;
        }

        t.Record.Reports++;
        foreach (IZoneLocator e in t.Estimators)
        {
            e.Observe(r.ReceiverId, r.ReceiverZone, r.Rssi, r.HeardAtMs);
        }

        if (r.HeardAtMs > t.NewestHeardMs)
        {
            t.NewestHeardMs = r.HeardAtMs;
        }

        // The gateway keeps the frame with the highest counter: a late report of an older payload changes nothing.
        if (r.Kind == FrameKind.Tag && (r.Counter > t.Counter || !t.HasFrame))
        {
            t.HasFrame = true;
            t.Counter = r.Counter;
            t.Shown = r.Committed ? r.Colour : TriageColour.Untagged;
        }
    }

    private void Sample(long nowMs)
    {
        int half = (int)(nowMs / 500);
        foreach (Tracked t in _tracked.Values)
        {
            for (int i = 0; i < t.Estimators.Length; i++)
            {
                byte zone = t.Estimators[i].Update(nowMs);
                if (half < t.Record.Estimates[i].Length)
                {
                    t.Record.Estimates[i][half] = zone;
                }
            }

            if (nowMs % 1000 == 0 && half / 2 < t.Record.NewestHeardMs.Length)
            {
                t.Record.NewestHeardMs[half / 2] = t.NewestHeardMs;
                t.Record.ShownColour[half / 2] = t.Shown;
            }
        }
    }

    private sealed class Tracked
    {
        public Tracked(DeviceRecord record, IZoneLocator[] estimators)
        {
            Record = record;
            Estimators = estimators;
        }

        public DeviceRecord Record { get; }

        public IZoneLocator[] Estimators { get; }

        public long NewestHeardMs { get; set; } = long.MinValue;

        public bool HasFrame { get; set; }

        public uint Counter { get; set; }

        public TriageColour Shown { get; set; }
    }
}
