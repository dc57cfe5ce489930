namespace Beacons.Protocol
{
    /// <summary>What sent a frame. The value is the low nibble of a frame's first byte.</summary>
    public enum FrameKind : byte
    {
        None = 0,
        Badge = 1,
        Tag = 2,
        Anchor = 3,
    }
}
