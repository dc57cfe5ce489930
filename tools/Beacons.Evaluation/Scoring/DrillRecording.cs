using Beacons.Evaluation.Feed;
using Beacons.Placement.Scoring;
using Beacons.Protocol;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;
using Beacons.Simulator.World;
using TruthSample = Beacons.Placement.Scoring.TruthSample;

namespace Beacons.Evaluation.Scoring;

/// <summary>What the gateway side got of one scored badge or tag, sampled every second (simulator-only figures).</summary>
public sealed class DeviceRecord
{
    public DeviceRecord(ushort id, FrameKind kind, int seconds)
    {
        Id = id;
        Kind = kind;
        NewestHeardMs = new long[seconds];
        ShownColour = new TriageColour[seconds];
    }

    public ushort Id { get; }

    public FrameKind Kind { get; }

    /// <summary>At every whole second, when the newest report of the device had been heard (long.MinValue: never).</summary>
    public long[] NewestHeardMs { get; }

    /// <summary>At every whole second, the committed colour the gateway would show for a tag.</summary>
    public TriageColour[] ShownColour { get; }

    /// <summary>Verified reports of this device that reached the gateway.</summary>
    public long Reports { get; set; }
}

/// <summary>
/// A drill as a trace, the form <c>beacons evaluate</c> scores: every verified reading of a scored device
/// (<c>t_ms,receiver,device,rssi</c>, in order of when it was heard), and where each officer and each casualty
/// truly was every 100 ms, only while on site and inside a zone (crossing the car park every answer is wrong,
/// so those moments are not scored).
/// </summary>
public sealed record DrillTrace(IReadOnlyList<TraceReading> Readings, IReadOnlyList<TruthSample> Officers, IReadOnlyList<TruthSample> Casualties);

/// <summary>
/// Runs a simulated drill in-process, no network, as fast as it goes: the datagrams go through a
/// <see cref="DecodingSink"/>, and the verified readings of the scenario's badges and tags are kept as a
/// <see cref="DrillTrace"/> for the scoring library; the freshness of the newest report and the shown tag
/// colour are recorded every second. Added load devices are on the air but not scored.
/// </summary>
public sealed class DrillRecording
{
    private readonly Dictionary<ushort, Tracked> _tracked = new();
    private readonly List<TraceReading> _readings = new();

    private DrillRecording(DrillEngine engine, DecodingSink sink)
    {
        Engine = engine;
        Sink = sink;
    }

    public DrillEngine Engine { get; }

    public DecodingSink Sink { get; }

    public IEnumerable<DeviceRecord> Devices => _tracked.Values.Select(t => t.Record);

    public DrillTrace Trace { get; private set; } = new([], [], []);

    public TimeSpan Elapsed { get; private set; }

    public static DrillRecording Run(DrillFiles files, SimulationOptions options)
    {
        DrillRecording? recording = null;
        var sink = new DecodingSink(files.Venue, files.Exercise, new Placement.BlindZones(files.Venue), r => recording!.OnReport(r));
        var engine = new DrillEngine(files.Venue, files.Exercise, files.Scenario, options with { Speed = 0 }, sink);
        recording = new DrillRecording(engine, sink);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int seconds = (int)Math.Ceiling(files.Scenario.DurationSeconds) + 1;
        foreach (var device in engine.Devices)
        {
            if (device.Kind != FrameKind.Anchor && !DrillEngine.IsExtra(device.DeviceId))
            {
                recording._tracked[device.DeviceId] = new Tracked(new DeviceRecord(device.DeviceId, device.Kind, seconds));
            }
        }

        while (!engine.Finished)
        {
            engine.Step();
            if (engine.SimMs % 1000 == 0)
            {
                recording.Sample(engine.SimMs);
            }
        }

        recording.Trace = new DrillTrace(
            recording._readings.OrderBy(r => r.TMs).ToList(), // stable: readings heard at the same ms keep their arrival order
            recording.TruthOf(FrameKind.Badge),
            recording.TruthOf(FrameKind.Tag));
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
        _readings.Add(new TraceReading(r.HeardAtMs, r.ReceiverId, r.DeviceId, r.Rssi));
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
        int second = (int)(nowMs / 1000);
        foreach (Tracked t in _tracked.Values)
        {
            if (second < t.Record.NewestHeardMs.Length)
            {
                t.Record.NewestHeardMs[second] = t.NewestHeardMs;
                t.Record.ShownColour[second] = t.Shown;
            }
        }
    }

    // Every 100 ms of simulation time, as the ground truth decides a zone (Plan.ZoneAt with the heading).
    private List<TruthSample> TruthOf(FrameKind kind)
    {
        var plan = new Plan(Engine.Venue);
        var truth = new List<TruthSample>();
        for (long ms = 0; ms <= Engine.SimMs; ms += Scorer.SampleMs)
        {
            double seconds = Engine.Scenario.StartSeconds + (ms / 1000.0);
            foreach (var device in Engine.Devices)
            {
                if (device.Kind == kind && _tracked.ContainsKey(device.DeviceId) && device.Where(seconds) is Spot spot)
                {
                    int zone = plan.ZoneAt(spot.Floor, spot.Point, spot.Heading);
                    if (zone != 0)
                    {
                        truth.Add(new TruthSample(ms, device.DeviceId, (byte)zone));
                    }
                }
            }
        }

        return truth;
    }

    private sealed class Tracked(DeviceRecord record)
    {
        public DeviceRecord Record { get; } = record;

        public long NewestHeardMs { get; set; } = long.MinValue;

        public bool HasFrame { get; set; }

        public uint Counter { get; set; }

        public TriageColour Shown { get; set; }
    }
}
