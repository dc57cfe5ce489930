namespace Beacons.Protocol
{
    /// <summary>
    /// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit MAC built for short messages.
    /// Chosen because it needs only 64-bit add, xor and rotate, which an interpreted ESP32 does
    /// without tables or allocation, and because it is strong as a MAC (unlike CRCs) while far
    /// cheaper than HMAC-SHA256 on a 20-byte frame. See docs/protocol.md for the truncation.
    /// </summary>
    public static class SipHash
    {
        public static ulong Compute(MacKey key, byte[] data, int offset, int length)
        {
            ulong v0 = 0x736f6d6570736575UL ^ key.K0;
            ulong v1 = 0x646f72616e646f6dUL ^ key.K1;
            ulong v2 = 0x6c7967656e657261UL ^ key.K0;
            ulong v3 = 0x7465646279746573UL ^ key.K1;

            int end = offset + length;
            int fullEnd = offset + (length & ~7);
            int i = offset;
            while (i < fullEnd)
            {
                ulong m = Bytes.ReadUInt64(data, i);
                v3 ^= m;
                Round(ref v0, ref v1, ref v2, ref v3);
                Round(ref v0, ref v1, ref v2, ref v3);
                v0 ^= m;
                i += 8;
            }

            ulong last = ((ulong)(length & 0xFF)) << 56;
            int shift = 0;
            while (i < end)
            {
                last |= ((ulong)data[i]) << shift;
                shift += 8;
                i++;
            }

            v3 ^= last;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= last;

            v2 ^= 0xff;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);

            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            unchecked
            {
                v0 += v1;
                v1 = (v1 << 13) | (v1 >> 51);
                v1 ^= v0;
                v0 = (v0 << 32) | (v0 >> 32);
                v2 += v3;
                v3 = (v3 << 16) | (v3 >> 48);
                v3 ^= v2;
                v0 += v3;
                v3 = (v3 << 21) | (v3 >> 43);
                v3 ^= v0;
                v2 += v1;
                v1 = (v1 << 17) | (v1 >> 47);
                v1 ^= v2;
                v2 = (v2 << 32) | (v2 >> 32);
            }
        }
    }
}
