using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Ingest;

public sealed record PipelineSettings
{
    /// <summary>How long copies of a device's newest payload are accepted after it first arrived (devices republish at least every 10 s).</summary>
    public long RepeatWindowMs { get; init; } = ReplayGuard.DefaultRepeatWindowMs;

    /// <summary>How often a presence event records when each device was last heard, its battery and its counter.</summary>
    public long PresenceIntervalMs { get; init; } = 5_000;

    public AlertSettings Alerts { get; init; } = new();

    /// <summary>Drill seconds per real second when a simulation runs faster than real time (the demo's --speed); null for a real drill. Recorded in exercise-opened for the review.</summary>
    public double? Speed { get; init; }
}

/// <summary>
/// Turns what the sources hear and what the controller does into events. Three parts, one job each:
/// the <see cref="DatagramGate"/> lets through only authentic, new receiver datagrams; the
/// <see cref="DeviceTracker"/> turns the adverts in them (or heard directly) into events about devices;
/// <see cref="ControllerCommands"/> decides what a controller action becomes. Then the alert rules.
/// Every event goes to one <see cref="EventLog"/>, so <see cref="Roster"/> is always the fold of the
/// events emitted so far. Single-threaded: one owner calls it, and it never throws on input.
/// </summary>
public sealed class DrillPipeline
{
    private readonly Beacons.Venue.Venue _venue;
    private readonly Exercise _exercise;
    private readonly PipelineSettings _settings;
    private readonly EventLog _log;
    private readonly DatagramGate _gate;
    private readonly DeviceTracker _tracker;

    // Reused for every report: the hot path allocates nothing.
    private readonly HeardReport _report = new();

    /// <param name="roster">The fold of the record so far (a fresh drill's initial roster, or the one rebuilt after a restart).</param>
    /// <param name="watermarks">The record's watermarks (<see cref="EventStore.ReadWatermarks"/>): what was accepted before a restart.</param>
    /// <param name="recordedOffsets">The record's last receiver-offsets event before a restart, or null (<see cref="RecordedReceiverOffsets"/>).</param>
    public DrillPipeline(Beacons.Venue.Venue venue, Exercise exercise, PipelineSettings settings, IngestCounters counters, DrillRoster roster,
        IReadOnlyList<Watermark>? watermarks = null, ReceiverOffsetsApplied? recordedOffsets = null)
    {
        RecordedReceiverOffsets = recordedOffsets;
        _venue = venue;
        _exercise = exercise;
        _settings = settings;
        Counters = counters;
        _log = new EventLog(roster);
        _gate = new DatagramGate(venue, exercise, counters, roster, watermarks ?? []);
        _tracker = new DeviceTracker(venue, exercise, settings, counters, _log, watermarks ?? []);
    }

    /// <summary>The fold of every event emitted so far (committed or not).</summary>
    public DrillRoster Roster => _log.Roster;

    public IngestCounters Counters { get; }

    /// <summary>Events emitted since the last call, in ID order; the caller commits them.</summary>
    public List<DrillEvent> TakePending() => _log.TakePending();

    public int PendingCount => _log.PendingCount;

    /// <summary>
    /// The highest receiver sequences and device counters accepted since the last call. The caller commits them with
    /// the events they led to, so a restart never accepts that input again (docs/gateway.md, the record).
    /// </summary>
    public void TakeWatermarks(List<Watermark> into)
    {
        _gate.TakeWatermarks(into);
        _tracker.TakeWatermarks(into);
    }

    /// <summary>Starts a new record with exercise-opened; does nothing when the record already has events.</summary>
    public void Open(long nowMs)
    {
        if (Roster.LastEventId == 0)
        {
            _log.Emit(new ExerciseOpened(_exercise.ExerciseId, _exercise.Name, _venue.Name, _settings.Speed), nowMs);
        }
    }

    /// <summary>One UDP datagram from a receiver, as received at <paramref name="atMs"/>.</summary>
    public void Datagram(byte[] buffer, int length, long atMs)
    {
        Datagram? d = _gate.Admit(buffer, length, atMs, out GateReceiver? receiver);
        if (d == null)
        {
            return;
        }

        _tracker.ReceiverHeard(receiver!.Id, atMs);
        if (d.Kind == DatagramKind.Heartbeat)
        {
            _log.Emit(_gate.Heartbeat(receiver, d, atMs), atMs);
            return;
        }

        int position = d.ReportsOffset;
        for (int i = 0; i < d.ReportCount; i++)
        {
            DatagramReader.NextReport(buffer, ref position, _report);
            _tracker.Advert(buffer, _report.AdvertOffset, _report.AdvertLength, receiver, _report.Rssi, atMs - _report.AgeMs, atMs);
        }
    }

    /// <summary>
    /// One advert heard directly (local adapter, capture file). <paramref name="receiverId"/> names a
    /// venue receiver whose zone the hearing counts for, or 0 when the listener has no place in the venue.
    /// </summary>
    public void Advert(byte[] buffer, int offset, int length, int receiverId, int rssi, long atMs)
    {
        GateReceiver? receiver = _gate.Receiver(receiverId);
        if (receiver != null)
        {
            _tracker.ReceiverHeard(receiverId, atMs);
        }

        _tracker.Advert(buffer, offset, length, receiver, rssi, atMs, atMs);
    }

    /// <summary>Told of every reading zone placement takes, and of time passing (the calibration walk); null: nobody.</summary>
    public IIngestFollower? Follower
    {
        get => _tracker.Follower;
        set => _tracker.Follower = value;
    }

    /// <summary>
    /// Per-receiver offsets from a calibration walk, applied to every reading placement takes from now on, and
    /// recorded, so the review and a replay know which offsets were in force.
    /// </summary>
    public DrillEvent ApplyReceiverOffsets(ReceiverOffsetsApplied offsets, long nowMs)
    {
        Place(offsets);
        return _log.Emit(offsets, nowMs);
    }

    /// <summary>The offsets the record last names (its last receiver-offsets event, before a restart or since), or null.</summary>
    public ReceiverOffsetsApplied? RecordedReceiverOffsets { get; private set; }

    /// <summary>
    /// After a restart, placement takes the offsets the record last names again, without recording them anew: they
    /// never stopped being in force. Returns them, or null when the record names none.
    /// </summary>
    public ReceiverOffsetsApplied? ResumeReceiverOffsets()
    {
        if (RecordedReceiverOffsets != null)
        {
            Place(RecordedReceiverOffsets);
        }

        return RecordedReceiverOffsets;
    }

    private void Place(ReceiverOffsetsApplied offsets)
    {
        _tracker.SetReceiverOffsets(offsets.Offsets.ToDictionary(o => o.Receiver, o => o.Db));
        RecordedReceiverOffsets = offsets;
    }

    /// <summary>The laptop's wall clock jumped (<see cref="SteadyClock"/>): recorded, so the review can say so.</summary>
    public void ClockJumped(long jumpMs, long nowMs) => _log.Emit(new ClockJumped(jumpMs), nowMs);

    /// <summary>Time passing: the tracker's zones and presence, then the alert rules. Call about once a second.</summary>
    public void Tick(long nowMs)
    {
        _tracker.Tick(nowMs);
        Follower?.Tick(nowMs);
        _log.AlertsDue = true;
        Settle(nowMs);
    }

    /// <summary>Runs the alert rules if anything that can raise or clear an alert changed. Call after each batch of input.</summary>
    public void Settle(long nowMs)
    {
        if (!_log.AlertsDue)
        {
            return;
        }

        _log.AlertsDue = false;
        foreach (EventBody change in AlertRules.Evaluate(Roster, nowMs, _settings.Alerts, _tracker, _gate))
        {
            _log.Emit(change, nowMs);
        }

        _log.AlertsDue = false;
    }

    /// <summary>A controller action: the event it became, or the refusal saying why not.</summary>
    public ActionOutcome Act(ControllerAction action, long nowMs)
    {
        EventBody? body = ControllerCommands.Decide(Roster, action, nowMs, out Refusal? refusal);
        if (body is ClockStarted)
        {
            // Before T0 is recorded, so a calibration walk still running ends, and its offsets apply, before the drill.
            Follower?.ClockStarting(this, nowMs);
        }

        ActionOutcome outcome = body != null ? ActionOutcome.Done(_log.Emit(body, nowMs)) : new ActionOutcome(null, refusal);
        Settle(nowMs);
        return outcome;
    }
}
