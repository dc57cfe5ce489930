namespace Beacons.Gateway.Review;

/// <summary>
/// Published figures a drill's key times can be set beside. They are references, not targets: they
/// count from dispatch, and a drill's T0 is when the controllers start the clock.
/// </summary>
public static class ReferenceFigures
{
    public const string Source =
        "Bachman et al., integrated police/EMS rescue task force drills, Prehospital Emergency Care 2019 (69 drills): median minutes from dispatch";

    public const string Caveat =
        "Reference medians count from dispatch; this drill counts from T0, the moment the exercise clock was started. "
        + "Compare only as far as T0 matches the simulated dispatch.";

    /// <summary>Each reference with the key time that measures it here (null: nothing in the record measures it).</summary>
    public static readonly IReadOnlyList<(string Measure, double Minutes, string KeyTime, string How)> All =
    [
        ("Dispatch to unified command", 4.1, KeyTimeIds.UnifiedCommand, "the first annotation of type \"unified-command\""),
        ("RTF assembled", 9.4, KeyTimeIds.RtfAssembled, "the first annotation of type \"rtf-assembled\""),
        ("First victim contact", 11.9, KeyTimeIds.FirstCasualtyTagged, "first casualty tagged (a committed colour), which follows contact"),
        ("First victim at the CCP", 16.6, KeyTimeIds.FirstCasualtyAtCcp, "first casualty in the CCP zone"),
        ("All victims ready for evacuation", 21.6, KeyTimeIds.AllCasualtiesAtCcp, "every casualty not tagged black in the CCP zone"),
    ];
}

/// <summary>The stable names of the key times, as the JSON and CSV exports spell them.</summary>
public static class KeyTimeIds
{
    public const string UnifiedCommand = "unified-command";
    public const string RtfAssembled = "rtf-assembled";
    public const string FirstOfficerEntry = "first-officer-entry";
    public const string ThreatNeutralized = "threat-neutralized";
    public const string FirstRtfInWarmZone = "first-rtf-in-warm-zone";
    public const string FirstCasualtyTagged = "first-casualty-tagged";
    public const string AllCasualtiesTagged = "all-casualties-tagged";
    public const string FirstCasualtyAtCcp = "first-casualty-at-ccp";
    public const string AllCasualtiesAtCcp = "all-casualties-at-ccp";
}
