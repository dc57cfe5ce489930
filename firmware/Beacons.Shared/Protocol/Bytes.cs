namespace Beacons.Protocol
{
    /// <summary>Little-endian reads and writes on byte arrays: the wire format is little-endian throughout.</summary>
    public static class Bytes
    {
        public static ushort ReadUInt16(byte[] b, int offset)
        {
            return (ushort)(b[offset] | (b[offset + 1] << 8));
        }

        public static uint ReadUInt32(byte[] b, int offset)
        {
            return (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));
        }

        public static ulong ReadUInt64(byte[] b, int offset)
        {
            return ReadUInt32(b, offset) | ((ulong)ReadUInt32(b, offset + 4) << 32);
        }

        public static void WriteUInt16(byte[] b, int offset, ushort value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
        }

        public static void WriteUInt32(byte[] b, int offset, uint value)
        {
            b[offset] = (byte)value;
            b[offset + 1] = (byte)(value >> 8);
            b[offset + 2] = (byte)(value >> 16);
            b[offset + 3] = (byte)(value >> 24);
        }

        public static void WriteUInt64(byte[] b, int offset, ulong value)
        {
            WriteUInt32(b, offset, (uint)value);
            WriteUInt32(b, offset + 4, (uint)(value >> 32));
        }
    }
}
