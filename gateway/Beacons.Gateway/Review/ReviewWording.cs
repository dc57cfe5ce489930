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

    public const string NoEntry = "no officer entered the building";

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

    public static string InZone(string who, string role, string zone) => $"{who} ({role}) in {zone}";

    public static string Entered(string who, string role, string zone) => $"{who} ({role}) entered {zone}";

    // The timeline's lines.
    public const string ClockStartedLine = "Exercise clock started (T0)";

    public const string ClockStoppedLine = "Exercise clock stopped";

    public static string StatusLine(string zone, ZoneStatus previous, ZoneStatus status) => $"{zone}: {WireNames.Of(previous)} to {WireNames.Of(status)}";

    public static string AnnotationLine(string type, string text) => text.Length > 0 ? $"{type}: {text}" : type;

    public static string EmergencyLine(string who, string zone) => $"Emergency: {who} in {zone}";

    public static string EmergencyEndedLine(string who) => $"Emergency ended: {who}";

    public static string AlertLine(string type, string message) => $"{type}: {message}";

    public static string TaggedLine(string what, string colour) => $"{what} tagged {colour}";

    public static string ColourChangedLine(string what, string from, string to) => $"{what} changed from {from} to {to}";

    public static string AtCcpLine(string what, string ccp) => $"{what} reached the CCP ({ccp})";
}
