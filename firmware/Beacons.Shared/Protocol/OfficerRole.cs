namespace Beacons.Protocol
{
    /// <summary>An officer's role in the drill, as the badge's configuration gives it.</summary>
    public enum OfficerRole : byte
    {
        Unknown = 0,
        Contact = 1,
        RtfOfficer = 2,
        RtfMedic = 3,
        Command = 4,
        Evaluator = 5,
    }
}
