namespace Beacons.Protocol
{
    /// <summary>
    /// A 128-bit SipHash key, split once into its two 64-bit halves so that every MAC
    /// computed with it skips the byte shuffling.
    /// </summary>
    public sealed class MacKey
    {
        public const int Length = 16;

        public readonly ulong K0;
        public readonly ulong K1;

        public MacKey(byte[] key)
        {
            if (key == null || key.Length != Length)
            {
                throw new System.ArgumentException("a MAC key is 16 bytes");
            }

            K0 = Bytes.ReadUInt64(key, 0);
            K1 = Bytes.ReadUInt64(key, 8);
        }

        /// <summary>Parses 32 hex digits; returns null when the text is not a key.</summary>
        public static MacKey TryParseHex(string hex)
        {
            byte[] bytes = Hex.TryParse(hex);
            if (bytes == null || bytes.Length != Length)
            {
                return null;
            }

            return new MacKey(bytes);
        }
    }
}
