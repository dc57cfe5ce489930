using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Placement.Scoring;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The calibration walk (docs/zones.md, "Calibration walk"): a controller carries one badge through the venue
/// and taps each zone as they enter it; the walk is recorded as it happens (<see cref="SurveyRecording"/>), and at
/// the stop the offsets it teaches are applied to zone placement and recorded. At start the newest walk in the
/// folder is applied again. While the exercise clock runs no walk starts and none is applied: new offsets mid-drill
/// would move every device's zone under the controllers' eyes; a walk still running at T0 ends there. Every member
/// runs on the pipeline's thread (<see cref="DrillRuntime.OnPipelineAsync"/>), as do the readings it follows, so
/// nothing here is shared.
/// </summary>
public sealed class SurveyWalk(Beacons.Venue.Venue venue, Exercise exercise, string? folder) : IIngestFollower
{
    private readonly Dictionary<int, VenueReceiver> _receivers = venue.Receivers.ToDictionary(r => r.Id);
    private SurveyRecording? _walk;
    private SurveyStop? _last;
    private ReceiverOffsetsApplied? _inForce;

    /// <summary>Where walks are recorded, or null when this gateway has no drill folder (no walk can be made).</summary>
    public string? Folder => folder;

    /// <summary>
    /// Applies the newest walk of the folder that teaches something; one line for the console saying what was applied.
    /// Mid-drill (a restart while the clock runs) the offsets the record names stay in force, whatever the folder holds.
    /// </summary>
    public string ApplyLatest(DrillPipeline pipeline, long nowMs)
    {
        if (Running(pipeline.Roster.Clock))
        {
            _inForce = pipeline.ResumeReceiverOffsets();
            return _inForce == null
                ? "the exercise clock is running: the record names no offsets, and no walk is applied mid-drill"
                : $"the exercise clock is running: {_inForce.Walk} stays in force, as the record says ({Describe(_inForce)}); no walk is applied mid-drill";
        }

        if (folder == null)
        {
            return "no drill folder: calibration walks cannot be recorded";
        }

        ReceiverOffsetsApplied? latest;
        IReadOnlyList<string> skipped;
        try
        {
            (latest, skipped) = SurveyFiles.Latest(venue, folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the calibration walks in {folder}: {e.Message}";
        }

        string passed = skipped.Count == 0 ? "" : "; passed over: " + string.Join("; ", skipped);
        if (latest == null)
        {
            return $"no calibration walk in {folder} yet{passed}";
        }

        Apply(pipeline, latest, nowMs);
        return $"{latest.Walk} applied from {folder}: {Describe(latest)}{passed}";
    }

    public object? Start(DrillClock clock, int badge, long nowMs, out Refusal? refusal)
    {
        refusal = CannotStart(clock)
            ?? (_walk != null
                ? new Refusal(RefusalReason.Conflict, $"a walk with badge {_walk.Badge} is running: stop it first")
                : exercise.FindOfficer(badge) == null
                    ? new Refusal(RefusalReason.NotFound, $"no officer with badge {badge} in the exercise")
                    : null);
        if (refusal != null)
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(folder!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = new Refusal(RefusalReason.Unavailable, $"cannot make the walk's folder {folder}: {e.Message}");
            return null;
        }

        _walk = new SurveyRecording(folder!, SurveyFiles.NewName(folder!, nowMs), badge, nowMs);
        return Status(clock);
    }

    public object? Tap(DrillClock clock, int zone, long nowMs, out Refusal? refusal)
    {
        refusal = _walk == null
            ? new Refusal(RefusalReason.Conflict, "no walk is running: " + (CannotStart(clock)?.Message ?? "start one first"))
            : venue.FindZone(zone) == null
                ? new Refusal(RefusalReason.NotFound, $"no zone {zone} in the venue")
                : null;
        if (refusal != null)
        {
            return null;
        }

        _walk!.Tap((byte)zone, nowMs);
        return Status(clock);
    }

    /// <summary>Ends the walk: its files are written out, read back as <c>beacons evaluate</c> reads them, and what they teach is applied.</summary>
    public object? Stop(DrillPipeline pipeline, long nowMs, out Refusal? refusal)
    {
        if (_walk == null)
        {
            refusal = new Refusal(RefusalReason.Conflict, "no walk is running");
            return null;
        }

        refusal = null;
        End(pipeline, nowMs, "");
        return Status(pipeline.Roster.Clock);
    }

    /// <summary>
    /// T0 with a walk running: it ends there as a stop would, and what it teaches applies at once, before clock-started
    /// is recorded. The controller walked to calibrate this drill, so the drill runs from T0 with it; and the walk in force
    /// is the folder's newest, as a restart would apply it (docs/zones.md, "Calibration walk").
    /// </summary>
    public void ClockStarting(DrillPipeline pipeline, long nowMs)
    {
        if (_walk != null)
        {
            End(pipeline, nowMs, "stopped at T0 (the exercise clock started): ");
        }
    }

    /// <summary>Why a walk cannot start now, whoever asks: no folder to record it in, or the drill is running; else null.</summary>
    public Refusal? CannotStart(DrillClock clock) =>
        folder == null
            ? new Refusal(RefusalReason.Conflict, "this gateway has no drill folder to record a walk in (beacons gateway --venue puts it beside the venue file)")
            : Running(clock)
                ? new Refusal(RefusalReason.Conflict,
                    "the drill is running (the exercise clock started at T0): a walk's offsets would move every device's zone mid-drill; walk before T0, or once the clock is stopped")
                : null;

    /// <summary>The walk running (or null), the last one stopped, the offsets in force, and why a walk cannot start now: GET /api/survey.</summary>
    public object Status(DrillClock clock) => new
    {
        folder,
        startRefused = CannotStart(clock)?.Message,
        minReadings = ReceiverOffsets.MinReadings,
        walk = _walk == null ? null : new
        {
            name = _walk.Name,
            badge = _walk.Badge,
            startedAtMs = _walk.StartedAtMs,
            zone = _walk.Taps.Count == 0 ? (int?)null : _walk.Taps[^1].Zone,
            taps = _walk.Taps.Select(t => new { atMs = t.AtMs, zone = (int)t.Zone }),
            receivers = venue.Receivers.Select(r => new
            {
                id = r.Id,
                name = r.Name,
                zone = r.Zone,
                readings = _walk.Readings.GetValueOrDefault(r.Id).All,
                ownZone = _walk.Readings.GetValueOrDefault(r.Id).OwnZone,
            }),
            problem = _walk.Problem,
        },
        last = _last,
        inForce = _inForce == null ? null : Offsets(_inForce),
    };

    public void Reading(FrameKind kind, int id, int receiverId, int rssi, long heardAtMs)
    {
        if (_walk != null && kind == FrameKind.Badge && id == _walk.Badge && _receivers.TryGetValue(receiverId, out VenueReceiver? receiver))
        {
            _walk.Add(receiverId, (byte)receiver.Zone, rssi, heardAtMs);
        }
    }

    public void Tick(long nowMs) => _walk?.Flush(nowMs);

    private static bool Running(DrillClock clock) => clock.StartedAtMs != null && clock.StoppedAtMs == null;

    private void End(DrillPipeline pipeline, long nowMs, string why)
    {
        SurveyRecording walk = _walk!;
        _walk = null;
        walk.Flush(nowMs);
        SurveyStop stop = Conclude(pipeline, walk, nowMs);
        _last = stop with { Message = why + stop.Message };
    }

    private SurveyStop Conclude(DrillPipeline pipeline, SurveyRecording walk, long nowMs)
    {
        if (walk.Problem != null)
        {
            return new SurveyStop(walk.Name, walk.TracePath, walk.TruthPath, false, $"the walk's files could not be written: {walk.Problem}; the offsets in force are unchanged", null);
        }

        if (walk.Taps.Count == 0 || !File.Exists(walk.TracePath))
        {
            return new SurveyStop(walk.Name, null, null, false,
                walk.Taps.Count == 0 ? "no zone was tapped: nothing was recorded; the offsets in force are unchanged"
                                     : $"no receiver heard badge {walk.Badge} during the walk: only its truth was recorded; the offsets in force are unchanged",
                null);
        }

        ReceiverOffsetsApplied learned;
        try
        {
            learned = SurveyFiles.Learn(venue, folder!, walk.Name);
        }
        catch (TraceFileException e)
        {
            return new SurveyStop(walk.Name, walk.TracePath, walk.TruthPath, false, $"the walk's files cannot be read back: {e.Message}", null);
        }

        if (!SurveyFiles.Teaches(learned))
        {
            return new SurveyStop(walk.Name, walk.TracePath, walk.TruthPath, false,
                $"fewer than two receivers were heard {ReceiverOffsets.MinReadings} times from their own zones (an offset compares a receiver with the others): nothing learned; the offsets in force are unchanged",
                Offsets(learned));
        }

        Apply(pipeline, learned, nowMs);
        return new SurveyStop(walk.Name, walk.TracePath, walk.TruthPath, true, $"applied from now on: {Describe(learned, nameTooFew: false)}", Offsets(learned));
    }

    private void Apply(DrillPipeline pipeline, ReceiverOffsetsApplied offsets, long nowMs)
    {
        pipeline.ApplyReceiverOffsets(offsets, nowMs);
        _inForce = offsets;
    }

    private object Offsets(ReceiverOffsetsApplied walk) => new
    {
        walk = walk.Walk,
        receivers = walk.Offsets.Select(o => new
        {
            id = o.Receiver,
            name = _receivers[o.Receiver].Name,
            zone = _receivers[o.Receiver].Zone,
            readings = o.Readings,
            learned = o.Learned,
            db = Math.Round(o.Db, 1),
        }),
    };

    /// <summary>The offsets learned, and the receivers left at 0 dB: named (the console), or counted (the page lists them).</summary>
    private string Describe(ReceiverOffsetsApplied walk, bool nameTooFew = true)
    {
        var learned = walk.Offsets.Where(o => o.Learned).Select(o => $"{Name(o.Receiver)} {o.Db:+0.0;-0.0;0.0} dB");
        var tooFew = walk.Offsets.Where(o => !o.Learned).Select(o => Name(o.Receiver)).ToList();
        string left = nameTooFew
            ? $"too few readings to learn, left at 0 dB: {string.Join(", ", tooFew)}"
            : $"{tooFew.Count} receiver{(tooFew.Count == 1 ? "" : "s")} with too few readings left at 0 dB";
        return string.Join(", ", learned) + (tooFew.Count == 0 ? "" : "; " + left);
    }

    private string Name(int receiver) => _receivers[receiver].Name;
}

/// <summary>How the last walk ended: its files, whether its offsets were applied, and why not.</summary>
/// <param name="Offsets">What it taught per receiver, or null when nothing could be read.</param>
public sealed record SurveyStop(string Walk, string? Trace, string? Truth, bool Applied, string Message, object? Offsets);
