namespace Beacons.Protocol
{
    /// <summary>
    /// The frame MAC: SipHash-2-4 over the company ID and the payload before the MAC, truncated to
    /// its low 32 bits. docs/protocol.md argues why 32 bits is enough for a drill's threat model.
    /// </summary>
    public static class FrameMac
    {
        public static uint Compute(MacKey key, byte[] data, int offset, int length)
        {
            return (uint)SipHash.Compute(key, data, offset, length);
        }

        /// <summary>True when the MAC a decoded frame carries matches its bytes under <paramref name="key"/>.</summary>
        public static bool Verify(MacKey key, byte[] advert, Frame frame)
        {
            return Compute(key, advert, frame.SignedOffset, frame.SignedLength) == frame.Mac;
        }
    }
}
