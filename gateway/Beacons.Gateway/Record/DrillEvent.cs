using System.Text.Json.Serialization;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Record;

/// <summary>
/// One entry of the drill record: append-only, with rising IDs. Every change of the roster is one of
/// these, so the roster is a fold over them (<see cref="Roster.RosterFold"/>) and the after-action review
/// replays them. docs/gateway-api.md lists every kind and its fields.
/// </summary>
/// <param name="Id">Rises by one per event, from 1.</param>
/// <param name="AtMs">Gateway time of the event, Unix milliseconds.</param>
public sealed record DrillEvent(long Id, long AtMs, EventBody Body)
{
    public string Kind => EventKinds.Of(Body);
}

/// <summary>The kind-specific part of an event. Each subtype is one event kind.</summary>
public abstract record EventBody;

/// <summary>The first event of a record: which exercise and venue it belongs to.</summary>
/// <param name="Speed">Drill seconds per real second when a simulation drives the gateway faster than real time
/// (`beacons demo --speed N`); absent (null) for a real drill and in older records, which means 1.</param>
public sealed record ExerciseOpened(
    int ExerciseId,
    string ExerciseName,
    string VenueName,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? Speed = null) : EventBody;

/// <summary>T0: the drill started. Every figure of the debrief counts from here.</summary>
/// <param name="NotReady">
/// What the readiness board had missing when the controller chose to start anyway, one line per device
/// (<see cref="Setup.Readiness"/>); null, and left out of the JSON, when nothing was missing or the record predates it.
/// </param>
public sealed record ClockStarted(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? NotReady = null) : EventBody;

public sealed record ClockStopped() : EventBody;

/// <summary>
/// The laptop's wall clock jumped by <paramref name="JumpMs"/> (positive: forward). Event times keep
/// following the gateway's steady clock, so durations stay true; this says the wall clock no longer agrees.
/// </summary>
public sealed record ClockJumped(long JumpMs) : EventBody;

/// <summary>The controller set a zone's status.</summary>
public sealed record ZoneStatusSet(int Zone, ZoneStatus Status, ZoneStatus Previous) : EventBody;

/// <summary>A note on the timeline; <paramref name="Type"/> is free text such as "threat-neutralized".</summary>
/// <param name="By">The evaluator who signed it (an observation), or null when the controller wrote it.</param>
/// <param name="Objective">For an observation: the name of the exercise objective it bears on (docs/venue.md); absent otherwise.</param>
public sealed record Annotation(
    string Type,
    string Text,
    string? By = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Objective = null) : EventBody;

/// <summary>An annotation's type and text, corrected. The annotation stays in the record as it was written.</summary>
/// <param name="Annotation">The ID of the annotation event.</param>
/// <param name="By">The evaluator who corrected it, or null for the controller.</param>
public sealed record AnnotationCorrected(long Annotation, string Type, string Text, string? By = null) : EventBody;

/// <summary>An annotation withdrawn: it no longer stands, though the record keeps it.</summary>
public sealed record AnnotationWithdrawn(long Annotation, string? By = null) : EventBody;

/// <summary>A badge was heard for the first time (listed in the exercise file or not).</summary>
public sealed record OfficerSeen(int Badge, OfficerRole Role) : EventBody;

/// <summary>An officer's zone changed; 0 means unknown (not heard recently enough to place).</summary>
public sealed record OfficerZoneChanged(int Badge, int Zone, int Previous, bool SelfLocated) : EventBody;

/// <summary>A badge's emergency flag turned on or off.</summary>
public sealed record Emergency(int Badge, bool Active) : EventBody;

/// <summary>A triage tag was heard for the first time.</summary>
public sealed record CasualtySeen(int Tag) : EventBody;

/// <summary>A tag's colour, commitment or change count changed. <paramref name="ChangedAtMs"/> is when the tag says its committed colour last changed.</summary>
public sealed record TagChanged(int Tag, TriageColour Colour, bool Committed, int Changes, long ChangedAtMs) : EventBody;

public sealed record CasualtyZoneChanged(int Tag, int Zone, int Previous) : EventBody;

/// <summary>Devices heard since the previous presence event: when each was last heard, its battery and its counter.</summary>
public sealed record Presence(IReadOnlyList<DevicePresence> Devices) : EventBody;

/// <param name="Battery">0-100, or null when unknown (anchors, or the device does not say).</param>
/// <param name="Counter">The frame counter last accepted: after a restart the replay guard starts from it.</param>
public sealed record DevicePresence(FrameKind Kind, int Id, long LastHeardMs, int? Battery, long Counter);

/// <summary>A receiver's heartbeat, with what the gateway accepted from it since the previous one.</summary>
public sealed record ReceiverHeartbeat(
    int Receiver,
    long Sequence,
    long UptimeMs,
    long Heard,
    long Sent,
    long Dropped,
    int Reconnects,
    int WifiRssi,
    long Reports,
    double ReportsPerSecond) : EventBody;

/// <summary>An alert started; its ID is this event's ID. Subject fields not relevant to the type are null.</summary>
public sealed record AlertRaised(AlertType Type, int? Badge, int? Tag, int? Receiver, int? Zone, string Message) : EventBody;

/// <summary>The condition behind an alert ended. The alert stays in the record.</summary>
public sealed record AlertCleared(long Alert) : EventBody;

/// <summary>A controller acknowledged an alert. It stays in the record (and stays active until cleared).</summary>
public sealed record AlertAcknowledged(long Alert) : EventBody;

/// <summary>
/// Per-receiver offsets in force from now on, learned from a calibration walk (docs/zones.md, "Calibration walk"):
/// added to every reading of the receiver before zone placement.
/// </summary>
/// <param name="Walk">The walk's files, relative to the drill's folder, without the -trace.csv / -truth.csv ending.</param>
/// <param name="Offsets">One per venue receiver; 0 dB for a receiver the walk heard too little from its own zone.</param>
public sealed record ReceiverOffsetsApplied(string Walk, IReadOnlyList<ReceiverOffset> Offsets) : EventBody;

/// <param name="Db">Added to the receiver's readings (rounded to a whole dB when applied).</param>
/// <param name="Readings">The walk's readings by this receiver while the badge was in the receiver's own zone.</param>
/// <param name="Learned">Enough readings to learn the offset; false: too few, and the offset is 0.</param>
public sealed record ReceiverOffset(int Receiver, double Db, int Readings, bool Learned);
