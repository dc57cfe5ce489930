using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// How the review says things in English: names of people and things, the remarks, the key times'
/// labels and why one was not reached, and the timeline's lines. Figures come from <see cref="ReviewFold"/>;
/// times and durations are written by <see cref="ReviewText"/>.
/// </summary>
public static class ReviewWording
{
    public static string Who(string? name, int badge) => name ?? $"badge {badge}";

    public static string What(string? label, int tag) => label ?? $"tag {tag}";

    public static string ZoneName(int zone, VenueZone? venue) => zone == 0 ? "unknown zone" : venue?.Name ?? $"zone {zone}";

    public static string Casualties(int n) => n == 1 ? "1 casualty" : $"{n} casualties";

    public static string Officers(int n) => n == 1 ? "1 officer" : $"{n} officers";

    // Remarks: what a reader must know to trust the figures.
    public const string NeverStarted = "The exercise clock was never started: times count from the first event of the record.";

    public const string NotStopped = "The exercise clock was not stopped: the review ends at the last event of the record.";

    public static string Starts(int starts, int run) =>
        $"The exercise clock was started {starts} times; this review covers start {run} (beacons report --run N reviews another).";

    public static string ClockJumped(long jumpMs) =>
        $"The laptop's clock was changed during the drill ({(jumpMs < 0 ? "back" : "forward")} {ReviewText.Duration(Math.Abs(jumpMs))}): "
        + "every time here follows the gateway's steady clock, so durations are true, but clock times may differ from the laptop's.";

    public static string ReceiverOffsets(string walk, int learned, int receivers) =>
        $"Zone placement used the receiver offsets of calibration walk {walk} (learned for {learned} of {receivers} receivers; "
        + "the others at 0 dB): docs/zones.md, \"Calibration walk\".";

    public static string Compressed(double speed) =>
        $"This drill ran {Speed(speed)} faster than real time (a simulation at --speed {speed.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}): "
        + $"every time and duration here is compressed {Speed(speed)}, and none is compared with the reference figures.";

    public static string Speed(double speed) => speed.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "×";

    public static string NoSuchRun(int starts, int wanted) => starts == 0
        ? "the exercise clock was never started in this record, so there is no run to pick"
        : $"the exercise clock was started {starts} time{(starts == 1 ? "" : "s")} in this record; there is no run {wanted}";

    // Key times: label, and why one was not reached.
    public static string Label(string keyTime) => keyTime switch
    {
        KeyTimeIds.UnifiedCommand => "Unified command (annotated)",
        KeyTimeIds.RtfAssembled => "RTF assembled (annotated)",
        KeyTimeIds.FirstOfficerEntry => "First officer entry",
        KeyTimeIds.ThreatNeutralized => "Threat neutralized",
        KeyTimeIds.FirstRtfInWarmZone => "First RTF in a warm zone",
        KeyTimeIds.FirstCasualtyTagged => "First casualty tagged",
        KeyTimeIds.AllCasualtiesTagged => "All casualties tagged",
        KeyTimeIds.FirstCasualtyAtCcp => "First casualty at the CCP",
        KeyTimeIds.AllCasualtiesAtCcp => "All casualties at the CCP",
        _ => keyTime,
    };

    public static string Glitches(int glitches, long dwellMs) =>
        $"{glitches} stay{(glitches == 1 ? "" : "s")} in a zone shorter than {ReviewText.Duration(dwellMs)} {(glitches == 1 ? "was" : "were")} read as location glitches: "
        + "the person is taken to have stayed where they were, so such a stay makes no entry, hot-zone time or arrival.";

    public static string ShortStays(long dwellMs) =>
        $"A stay in a zone shorter than {ReviewText.Duration(dwellMs)} is read as a location glitch and counts for nothing: the person is taken to have stayed where they were.";

    public const string NoEntry = "no officer entered the building";

    public const string NoOfficerPlaced = "no officer was placed in any zone during the drill";

    public const string NoRtfPlaced = "no RTF member was placed in any zone during the drill";

    public const string NoThreatNeutralized = "no \"threat-neutralized\" annotation";

    public const string NoRtfInWarm = "no RTF member was in a warm zone";

    public const string NoCasualtyHeard = "no casualty heard";

    public const string NoCasualtyTagged = "no casualty tagged";

    public const string NoCasualtyAtCcp = "no casualty reached the CCP";

    public const string NoCasualtyToBring = "no casualty to bring to the CCP";

    public static string Tagged(int tagged, int heard) => $"{tagged} of {Casualties(heard)} tagged";

    public static string AllTagged(int heard, string last) => $"{Casualties(heard)}; the last: {last}";

    public static string AtCcp(int atCcp, int toEvacuate) => $"{atCcp} of {Casualties(toEvacuate)} (black excluded) at the CCP";

    public static string AllAtCcp(int toEvacuate, string last) => $"{Casualties(toEvacuate)} (black excluded); the last: {last}";

    public static string InZone(string who, OfficerRole role, string zone) => $"{who} ({WireNames.Of(role)}) in {zone}";

    public static string Entered(string who, OfficerRole role, string zone) => $"{who} ({WireNames.Of(role)}) entered {zone}";

    // The timeline's lines.
    public const string ClockStartedLine = "Exercise clock started (T0)";

    public const string ClockStoppedLine = "Exercise clock stopped";

    public static string StatusLine(string zone, ZoneStatus previous, ZoneStatus status) => $"{zone}: {WireNames.Of(previous)} to {WireNames.Of(status)}";

    public static string NotReadyAtT0(IReadOnlyList<string> notReady) =>
        $"At T0, {notReady.Count} device{(notReady.Count == 1 ? " was" : "s were")} not ready: {string.Join("; ", notReady)}.";

    /// <param name="by">The evaluator who signed it; null for the controller.</param>
    public static string AnnotationLine(string type, string text, string? by = null) =>
        (text.Length > 0 ? $"{type}: {text}" : type) + (by != null ? $" (by {by})" : "");

    public static string AnnotationCorrected(string type, string text, string? by) => $"corrected by {by ?? "the controller"}: {AnnotationLine(type, text)}";

    public static string AnnotationWithdrawn(string? by) => $"withdrawn by {by ?? "the controller"}";

    /// <summary>A correction or withdrawal, as its own line: which annotation (by its time) and how.</summary>
    public static string AnnotationAmendedLine(long madeOffsetMs, string how) => $"Annotation of T{ReviewText.Offset(madeOffsetMs)} {how}";

    public static string EmergencyLine(string who, string zone) => $"Emergency: {who} in {zone}";

    public static string EmergencyEndedLine(string who) => $"Emergency ended: {who}";

    public static string AlertLine(AlertType type, string message) => $"{WireNames.Of(type)}: {message}";

    public static string TaggedLine(string what, TriageColour colour) => $"{what} tagged {WireNames.Of(colour)}";

    public static string ColourChangedLine(string what, TriageColour from, TriageColour to) => $"{what} changed from {WireNames.Of(from)} to {WireNames.Of(to)}";

    public static string AtCcpLine(string what, string ccp) => $"{what} reached the CCP ({ccp})";

    // What each safety finding says when it found nothing: "none" only when there was something to look at.

    /// <summary>The sentence for a finding with no entries; <c>Ok</c> false when the record could not show it.</summary>
    public readonly record struct Verdict(string Text, bool Ok);

    public static Verdict NoMedicInHotZone(FindingCoverage c) =>
        c.Medics == 0 ? new("No RTF medic is listed or was heard: there is nothing to judge.", false)
        : c.MedicsPlaced == 0 ? new("No RTF medic was placed in any zone during the drill: whether one went into a hot zone cannot be told.", false)
        : new("No RTF medic was in a zone while it was hot.", true);

    public static Verdict NoEmergency(FindingCoverage c) =>
        c.OfficersHeard == 0 ? new("No officer's badge was heard during the drill: an emergency could not have been heard.", false)
        : new($"No emergency button was pressed (of {Officers(c.OfficersHeard)} heard during the drill).", c.OfficersHeard == c.Officers);

    public static Verdict NoContactGap(FindingCoverage c) =>
        c.Officers == 0 ? new("No officer is listed or was heard: there is nothing to judge.", false)
        : c.OfficersHeard == 0 ? new("No officer was heard during the drill: contact cannot be judged.", false)
        : c.OfficersHeard < c.Officers ? new($"No gap in contact for the {Officers(c.OfficersHeard)} heard during the drill; the others were not heard at all (above).", false)
        : new("Every officer was heard throughout.", true);

    public static Verdict NoColourChanged(FindingCoverage c) =>
        c.CasualtiesHeard == 0 ? new("No casualty tag was heard: there is nothing to judge.", false)
        : new("No committed colour was changed.", true);

    /// <summary>The findings in one line, as `beacons report` prints them.</summary>
    public static string FindingsLine(SafetyFindings s)
    {
        FindingCoverage c = s.Coverage;
        string medics = c.MedicsPlaced == 0 && s.MedicsInHotZones.Count == 0 ? "medics in hot zones unknown (no medic placed)" : $"{s.MedicsInHotZones.Count} medic(s) in a hot zone";
        string emergencies = c.OfficersHeard == 0 ? "emergencies unknown (no badge heard)" : $"{s.Emergencies.Count} emergenc{(s.Emergencies.Count == 1 ? "y" : "ies")}";
        string contact = c.OfficersHeard == 0
            ? $"contact unknown: {Officers(s.NotHeard.Count)} never heard during the drill"
            : $"{s.OutOfContact.Count} out-of-contact gap(s){(s.NotHeard.Count > 0 ? $", {Officers(s.NotHeard.Count)} not heard during the drill" : "")}";
        string colours = c.CasualtiesHeard == 0 ? "colour changes unknown (no tag heard)" : $"{s.ColoursChangedAfterCommit.Count} colour(s) changed after commit";
        return $"{medics}, {emergencies}, {contact}, {colours}";
    }

    /// <summary>An objective's measure in words: "First RTF member in a warm zone within 10 min of T0".</summary>
    public static string Measure(ObjectiveMeasure m)
    {
        string within = ReviewText.Duration(m.WithinMs);
        return m.Kind switch
        {
            ObjectiveMeasure.FirstEntry => $"First {RoleWord(m.Role)} in {(m.ZoneStatus is ZoneStatus s ? $"a {WireNames.Of(s)} zone" : "the building")} within {within} of T0",
            ObjectiveMeasure.Annotated => $"\"{m.Type}\" annotated within {within} of T0",
            ObjectiveMeasure.CasualtiesAtCcp => $"{(m.Count is int n ? Casualties(n) : "Every casualty (black excluded)")} at the CCP within {within} of T0",
            ObjectiveMeasure.Triage => $"Every {(m.Colour is TriageColour colour ? WireNames.Of(colour) + " " : "")}casualty tagged within {within} of T0",
            ObjectiveMeasure.RedToCcp => $"Every red casualty at the CCP within {within} of being tagged red",
            _ => m.Kind,
        };
    }

    private static string RoleWord(string? role) => role switch
    {
        null or ObjectiveMeasure.AnyRole => "officer",
        ObjectiveMeasure.RtfRole => "RTF member",
        _ => role,
    };

    public static string Met(bool? met) => met switch { true => "met", false => "not met", null => "cannot tell" };
}
