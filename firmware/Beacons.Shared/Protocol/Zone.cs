namespace Beacons.Protocol
{
    /// <summary>Zone IDs on the air are one byte; zero means "not self-located" (no zone).</summary>
    public static class Zone
    {
        public const byte None = 0;
    }
}
