namespace Beacons.Protocol
{
    /// <summary>An Apple iBeacon advert: lets a venue use commercial beacons as zone anchors. Reused like <see cref="Frame"/>.</summary>
    public sealed class IBeacon
    {
        public const int UuidLength = 16;

        public readonly byte[] Uuid = new byte[UuidLength];

        /// <summary>Big-endian on the air, as Apple defines it (unlike our own frames).</summary>
        public ushort Major;
        public ushort Minor;

        /// <summary>RSSI at one metre as the beacon was calibrated, dBm.</summary>
        public sbyte MeasuredPower;
    }
}
