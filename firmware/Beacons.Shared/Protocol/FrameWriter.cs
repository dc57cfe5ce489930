namespace Beacons.Protocol
{
    /// <summary>Puts a <see cref="Frame"/> into bytes, with its MAC, ready for the air.</summary>
    public static class FrameWriter
    {
        /// <summary>
        /// Writes company ID, payload and MAC (the manufacturer-specific data as the AD structure carries it)
        /// at <paramref name="offset"/> and returns the number of bytes written. Sets <c>frame.Mac</c>.
        /// nanoFramework's publisher takes the company ID separately: skip the first two bytes there.
        /// </summary>
        public static int WriteManufacturerData(Frame frame, ushort companyId, MacKey key, byte[] dest, int offset)
        {
            int bodyLength = FrameLayout.BodyLength(frame.Kind);
            if (bodyLength < 0)
            {
                throw new System.ArgumentException("unknown frame kind");
            }

            Bytes.WriteUInt16(dest, offset, companyId);
            int p = offset + 2;
            dest[p + FrameLayout.VersionKind] = (byte)((FrameLayout.Version << 4) | (byte)frame.Kind);
            Bytes.WriteUInt16(dest, p + FrameLayout.ExerciseId, frame.ExerciseId);
            Bytes.WriteUInt16(dest, p + FrameLayout.DeviceId, frame.DeviceId);
            Bytes.WriteUInt32(dest, p + FrameLayout.Counter, frame.Counter);
            WriteBody(frame, dest, p + FrameLayout.Body);

            int signedLength = 2 + FrameLayout.HeaderLength + bodyLength;
            frame.Mac = FrameMac.Compute(key, dest, offset, signedLength);
            Bytes.WriteUInt32(dest, offset + signedLength, frame.Mac);
            return signedLength + FrameLayout.MacLength;
        }

        /// <summary>Writes the whole advertising data (flags AD, then manufacturer AD); returns its length.</summary>
        public static int WriteAdvertisement(Frame frame, ushort companyId, MacKey key, byte[] dest, int offset)
        {
            dest[offset] = 2;
            dest[offset + 1] = FrameLayout.AdTypeFlags;
            dest[offset + 2] = FrameLayout.FlagsValue;
            int ad = offset + FrameLayout.FlagsAdLength;
            int dataLength = WriteManufacturerData(frame, companyId, key, dest, ad + 2);
            dest[ad] = (byte)(dataLength + 1);
            dest[ad + 1] = FrameLayout.AdTypeManufacturerData;
            return FrameLayout.FlagsAdLength + 2 + dataLength;
        }

        private static void WriteBody(Frame frame, byte[] dest, int b)
        {
            switch (frame.Kind)
            {
                case FrameKind.Badge:
                    BadgeBody badge = frame.Badge;
                    dest[b] = (byte)badge.Role;
                    dest[b + 1] = badge.Zone;
                    dest[b + 2] = badge.Emergency ? FrameLayout.BadgeFlagEmergency : (byte)0;
                    dest[b + 3] = badge.BatteryPercent;
                    break;
                case FrameKind.Tag:
                    TagBody tag = frame.Tag;
                    dest[b] = (byte)(((byte)tag.Colour & FrameLayout.TagColourMask) | (tag.Committed ? FrameLayout.TagCommittedBit : 0));
                    dest[b + 1] = tag.Changes;
                    Bytes.WriteUInt16(dest, b + 2, tag.SecondsSinceChange);
                    dest[b + 4] = tag.Zone;
                    dest[b + 5] = tag.BatteryPercent;
                    break;
                case FrameKind.Anchor:
                    dest[b] = frame.Anchor.Zone;
                    dest[b + 1] = (byte)frame.Anchor.RssiAt1m;
                    break;
            }
        }
    }
}
