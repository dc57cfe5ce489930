using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The after-action review of one drill, computed from its record by <see cref="ReviewFold"/>.
/// Every time is Unix milliseconds (like the record); <see cref="DrillSummary.T0Ms"/> is the exercise
/// clock's start and every "since T0" figure counts from it. docs/review.md says how each figure is made.
/// </summary>
public sealed record DrillReview(
    DrillSummary Drill,
    IReadOnlyList<KeyTime> KeyTimes,
    IReadOnlyList<ReferenceComparison> References,
    IReadOnlyList<ZoneReview> Zones,
    IReadOnlyList<OfficerReview> Officers,
    IReadOnlyList<CasualtyReview> Casualties,
    SafetyFindings Safety,
    IReadOnlyList<TimelineEntry> Timeline);

/// <param name="T0Ms">The clock-started event this review counts from (the first event's time when the clock was never started).</param>
/// <param name="EndMs">The clock-stopped event, else the last event of the record.</param>
/// <param name="Run">Which start of the clock this review covers (1 = the first); 0 when the clock was never started.</param>
/// <param name="Runs">How many times the clock was started in the record.</param>
/// <param name="Remarks">What a reader must know to trust the figures (clock never started, record cut short ...).</param>
public sealed record DrillSummary(
    int ExerciseId,
    string ExerciseName,
    string VenueName,
    long T0Ms,
    long EndMs,
    bool ClockStarted,
    bool ClockStopped,
    int Run,
    int Runs,
    long Events,
    IReadOnlyList<string> Remarks)
{
    public long DurationMs => EndMs - T0Ms;
}

/// <summary>One key time of the debrief; <see cref="AtMs"/> null when it never happened during the drill.</summary>
/// <param name="Id">Stable name: first-officer-entry, threat-neutralized, first-rtf-in-warm-zone, ... (docs/review.md).</param>
/// <param name="Detail">Who or what, or why it is missing ("2 of 3 casualties tagged").</param>
public sealed record KeyTime(string Id, string Label, long? AtMs, long? SinceT0Ms, string Detail);

/// <summary>
/// A published reference figure beside this drill's nearest measure. The reference counts from dispatch;
/// this drill counts from T0, so the two compare only as far as T0 matches dispatch.
/// </summary>
/// <param name="KeyTime">The <see cref="Review.KeyTime.Id"/> measured against it, or null when the drill has no such measure.</param>
/// <param name="DrillMinutes">This drill's figure in minutes from T0, null when not reached or not measured.</param>
public sealed record ReferenceComparison(string Measure, double ReferenceMinutes, string? KeyTime, double? DrillMinutes, string How);

/// <param name="StatusAtT0">The status when the drill started.</param>
/// <param name="ClearedAtMs">First change from hot to warm or cold during the drill; null if it never was hot or never cleared.</param>
/// <param name="ColdAtMs">First time it was set cold during the drill; null if cold from the start or never.</param>
public sealed record ZoneReview(
    int Id,
    string Name,
    int Floor,
    bool Ccp,
    bool Outside,
    ZoneStatus StatusAtT0,
    IReadOnlyList<StatusChange> Changes,
    IReadOnlyList<StatusSpan> Spans,
    long? ClearedAtMs,
    long? ColdAtMs);

public sealed record StatusChange(long AtMs, ZoneStatus Status, ZoneStatus Previous);

public sealed record StatusSpan(long FromMs, long ToMs, ZoneStatus Status);

/// <summary>Where someone was from <see cref="FromMs"/> to <see cref="ToMs"/>, and the zone's status then. Zone 0 = unknown (Status null).</summary>
public sealed record ZoneSpan(long FromMs, long ToMs, int Zone, ZoneStatus? Status);

/// <param name="Track">Zone by zone, split whenever the zone's status changed; empty if never placed during the drill.</param>
/// <param name="FirstEntryMs">First move into a zone inside the building (not outside) during the drill.</param>
/// <param name="Heard">Heard at least once in the record up to the end of the drill.</param>
public sealed record OfficerReview(
    int Badge,
    string? Name,
    string? Agency,
    OfficerRole Role,
    bool Listed,
    bool Heard,
    IReadOnlyList<ZoneSpan> Track,
    long? FirstEntryMs,
    long HotMs,
    long WarmMs,
    long ColdMs,
    long UnknownMs);

/// <param name="ColourAtT0">The colour on the air when the drill started (untagged for most).</param>
/// <param name="Triage">Every colour change heard during the drill.</param>
/// <param name="Path">Where the casualty was, zone by zone.</param>
/// <param name="TaggedMs">When the first colour was committed (the tag's own time of the commit).</param>
/// <param name="RedMs">When red was first committed, null if never red.</param>
/// <param name="ReachedCcpMs">First time in the CCP zone during the drill (T0 if there already).</param>
/// <param name="RedToCcpMs">For a red casualty at the CCP: from red to the CCP (0 when already there when tagged red).</param>
public sealed record CasualtyReview(
    int Tag,
    string? Label,
    bool Listed,
    bool Heard,
    TriageColour ColourAtT0,
    IReadOnlyList<TriageStep> Triage,
    IReadOnlyList<ZoneSpan> Path,
    TriageColour Colour,
    bool Committed,
    int Changes,
    long? TaggedMs,
    TriageColour? FirstColour,
    long? RedMs,
    long? ReachedCcpMs,
    long? RedToCcpMs);

/// <param name="AtMs">When the gateway heard the change.</param>
/// <param name="ChangedAtMs">When the tag says its committed colour changed.</param>
public sealed record TriageStep(long AtMs, TriageColour Colour, bool Committed, int Changes, long ChangedAtMs);

public sealed record SafetyFindings(
    IReadOnlyList<HotZoneEntry> MedicsInHotZones,
    IReadOnlyList<EmergencyResponse> Emergencies,
    IReadOnlyList<ContactGap> OutOfContact,
    IReadOnlyList<ColourChange> ColoursChangedAfterCommit);

/// <summary>An EMS member (role rtf-medic) in a zone while it was hot.</summary>
/// <param name="StillThere">True when the drill ended with the medic still there.</param>
public sealed record HotZoneEntry(int Badge, string? Name, OfficerRole Role, int Zone, string ZoneName, long FromMs, long ToMs, long DurationMs, bool StillThere);

/// <summary>An emergency (badge button) and how long until another officer was in that zone.</summary>
/// <param name="Zone">Where the officer was when it started (the last known zone if unknown then); 0 when never placed.</param>
/// <param name="ReachedAtMs">When another officer (not an evaluator) was first in that zone; null if nobody came before the drill ended.</param>
/// <param name="AlreadyThere">True when another officer was already in the zone as it started.</param>
public sealed record EmergencyResponse(
    int Badge,
    string? Name,
    int Zone,
    string ZoneName,
    long AtMs,
    long? ClearedAtMs,
    long? ReachedAtMs,
    int? ReachedBy,
    string? ReachedByName,
    long? ResponseMs,
    bool AlreadyThere);

/// <summary>An officer not heard for at least the out-of-contact time (or whom the gateway alerted as silent).</summary>
/// <param name="FromMs">Last heard before the gap (T0 if earlier).</param>
/// <param name="ToMs">Heard again (to the presence interval, 5 s); null if not heard again before the drill ended.</param>
/// <param name="LastZone">Where the officer was last placed (0 = unknown).</param>
/// <param name="AlertId">The officer-silent alert the gateway raised for this gap, if any.</param>
public sealed record ContactGap(int Badge, string? Name, OfficerRole Role, int LastZone, string LastZoneName, long FromMs, long? ToMs, long DurationMs, long? AlertId);

/// <summary>A committed colour replaced by another committed colour.</summary>
public sealed record ColourChange(int Tag, string? Label, long AtMs, TriageColour From, TriageColour To, int Changes);

/// <param name="Kind">clock-started, clock-stopped, zone-status, annotation, officer-entered, emergency, emergency-ended, alert, tagged, colour-changed, at-ccp.</param>
public sealed record TimelineEntry(long AtMs, long SinceT0Ms, string Kind, string Text, int? Badge, int? Tag, int? Zone);

/// <summary>How the review is computed. The defaults match the gateway's alert defaults.</summary>
public sealed record ReviewSettings
{
    /// <summary>An officer not heard this long is out of contact (the gateway's --officer-silent default).</summary>
    public long OutOfContactMs { get; init; } = 60_000;

    /// <summary>Which start of the clock to review (1 = the first); null for the last.</summary>
    public int? Run { get; init; }
}

/// <summary>The review cannot be made; the message is one line for a controller.</summary>
public sealed class ReviewException(string message) : Exception(message);
