using Beacons.Protocol;

namespace Beacons.Triage
{
    /// <summary>
    /// The bytes a tag saves on each commit so that a reboot (a brown-out on a casualty) brings back the
    /// committed colour. The record names the exercise and the tag: a tag provisioned for the next drill
    /// ignores it and starts untagged, without anyone clearing tags by hand.
    /// <code>exercise (2, LE) | device (2, LE) | colour (1) | changes (1) | check (1)</code>
    /// </summary>
    public static class TagRecord
    {
        public const int Length = 7;

        public static byte[] Encode(ushort exerciseId, ushort deviceId, TriageColour colour, byte changes)
        {
            byte[] r = new byte[Length];
            Bytes.WriteUInt16(r, 0, exerciseId);
            Bytes.WriteUInt16(r, 2, deviceId);
            r[4] = (byte)colour;
            r[5] = changes;
            r[6] = Check(r);
            return r;
        }

        /// <summary>
        /// True when <paramref name="record"/> is an intact record of this exercise and tag with a
        /// committed colour; anything else (missing, torn, another drill's) is not restored.
        /// </summary>
        public static bool TryDecode(byte[] record, ushort exerciseId, ushort deviceId, out TriageColour colour, out byte changes)
        {
            colour = TriageColour.Untagged;
            changes = 0;
            if (record == null || record.Length != Length || record[6] != Check(record)
                || Bytes.ReadUInt16(record, 0) != exerciseId || Bytes.ReadUInt16(record, 2) != deviceId
                || record[4] < (byte)TriageColour.Green || record[4] > (byte)TriageColour.Black || record[5] == 0)
            {
                return false;
            }

            colour = (TriageColour)record[4];
            changes = record[5];
            return true;
        }

        // A rotate-and-xor over the first six bytes: catches a torn or zeroed write, not an attacker
        // (whoever can write the tag's flash can do anything with it).
        private static byte Check(byte[] r)
        {
            int sum = 0x5A;
            for (int i = 0; i < Length - 1; i++)
            {
                sum = ((sum << 1) | (sum >> 7)) & 0xFF;
                sum ^= r[i];
            }

            return (byte)sum;
        }
    }
}
