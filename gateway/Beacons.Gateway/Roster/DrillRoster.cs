using System.Collections.Immutable;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Roster;

/// <summary>
/// The live picture of a drill: zones, officers, casualties, receivers, anchors, alerts and the clock.
/// Immutable; every change is an event, and <see cref="RosterFold"/> is the only code that makes a new one,
/// so the roster after a restart is exactly the one before it.
/// </summary>
/// <param name="LastEventId">The last event folded in; 0 for a fresh drill.</param>
public sealed record DrillRoster(
    long LastEventId,
    DrillClock Clock,
    ImmutableSortedDictionary<int, ZoneState> Zones,
    ImmutableSortedDictionary<int, OfficerState> Officers,
    ImmutableSortedDictionary<int, CasualtyState> Casualties,
    ImmutableSortedDictionary<int, ReceiverState> Receivers,
    ImmutableSortedDictionary<int, AnchorState> Anchors,
    ImmutableSortedDictionary<long, Alert> Alerts,
    ImmutableList<Note> Notes)
{
    public int CcpZone => Zones.Values.First(z => z.Ccp).Id;

    public ZoneStatus? StatusOf(int zone) => Zones.TryGetValue(zone, out ZoneState? z) ? z.Status : null;
}

/// <summary>T0 and the end of the drill, Unix milliseconds; null until the controller starts or stops the clock.</summary>
public sealed record DrillClock(long? StartedAtMs, long? StoppedAtMs);

public sealed record ZoneState(int Id, string Name, int Floor, ZoneStatus Status, long? StatusSinceMs, bool Ccp, bool Outside);

/// <param name="Listed">False for a badge heard with a valid MAC but absent from the exercise file.</param>
/// <param name="Zone">0 when unknown.</param>
/// <param name="SelfLocated">True when the badge's own zone (from anchors) placed it, false when the receivers did.</param>
public sealed record OfficerState(
    int Badge,
    string? Name,
    string? Agency,
    OfficerRole Role,
    bool Listed,
    int Zone,
    long? ZoneSinceMs,
    bool SelfLocated,
    long? FirstHeardMs,
    long? LastHeardMs,
    int? Battery,
    bool Emergency,
    long? EmergencySinceMs,
    long Counter);

/// <param name="ColourChangedAtMs">When the committed colour last changed, as the tag reports it.</param>
/// <param name="ReachedCcpMs">When the casualty first reached the CCP zone.</param>
public sealed record CasualtyState(
    int Tag,
    string? Label,
    bool Listed,
    TriageColour Colour,
    bool Committed,
    int Changes,
    long? ColourChangedAtMs,
    int Zone,
    long? ZoneSinceMs,
    long? FirstSeenMs,
    long? LastHeardMs,
    int? Battery,
    long? ReachedCcpMs,
    long Counter);

public sealed record ReceiverState(
    int Id,
    string Name,
    int Zone,
    long? LastHeartbeatMs,
    long Sequence,
    long UptimeMs,
    long Heard,
    long Sent,
    long Dropped,
    int Reconnects,
    int WifiRssi,
    double ReportsPerSecond);

public sealed record AnchorState(int Id, int Zone, long? LastHeardMs, long Counter);

/// <param name="Id">The ID of the alert-raised event.</param>
public sealed record Alert(
    long Id,
    AlertType Type,
    int? Badge,
    int? Tag,
    int? Receiver,
    int? Zone,
    string Message,
    long RaisedAtMs,
    long? ClearedAtMs,
    long? AcknowledgedAtMs)
{
    public bool Active => ClearedAtMs == null;
}

public sealed record Note(long Id, long AtMs, string Type, string Text);
