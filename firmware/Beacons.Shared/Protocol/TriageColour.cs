namespace Beacons.Protocol
{
    /// <summary>START triage colours; Untagged means the casualty has not been assessed yet.</summary>
    public enum TriageColour : byte
    {
        Untagged = 0,
        Green = 1,
        Yellow = 2,
        Red = 3,
        Black = 4,
    }
}
