namespace Beacons.Protocol
{
    /// <summary>
    /// Reads raw advertising data (the AD structures of one legacy advert) and says what it is.
    /// Never throws and never allocates: it fills the caller's reusable <see cref="Frame"/> or
    /// <see cref="IBeacon"/> and answers with a <see cref="DecodeStatus"/>.
    /// </summary>
    public static class AdvertDecoder
    {
        public static DecodeStatus Decode(byte[] advert, int offset, int length, ushort companyId, Frame frame, IBeacon iBeacon)
        {
            if (advert == null || frame == null || iBeacon == null || offset < 0 || length < 0 || offset > advert.Length - length)
            {
                return DecodeStatus.BadArguments;
            }

            if (length > FrameLayout.MaxAdvertisingData)
            {
                return DecodeStatus.Oversized;
            }

            // One pass to check every AD structure fits and to find the first of ours and the first
            // iBeacon; nothing is classified until the whole advert is known to be well formed.
            int end = offset + length;
            int pos = offset;
            int structures = 0;
            int ours = -1;
            int oursLength = 0;
            int apple = -1;
            while (pos < end)
            {
                int adLength = advert[pos];
                if (adLength == 0)
                {
                    break; // the rest is padding
                }

                if (adLength > end - pos - 1)
                {
                    return DecodeStatus.Truncated;
                }

                structures++;
                int type = advert[pos + 1];
                int data = pos + 2;
                int dataLength = adLength - 1;
                if (type == FrameLayout.AdTypeManufacturerData && dataLength >= 2)
                {
                    ushort company = Bytes.ReadUInt16(advert, data);
                    if (company == companyId && ours < 0)
                    {
                        ours = data;
                        oursLength = dataLength;
                    }
                    else if (company == FrameLayout.AppleCompanyId && apple < 0 && IsIBeacon(advert, data, dataLength))
                    {
                        apple = data;
                    }
                }

                pos += 1 + adLength;
            }

            if (ours >= 0)
            {
                return DecodeOurs(advert, ours, oursLength, frame);
            }

            if (apple >= 0)
            {
                ReadIBeacon(advert, apple, iBeacon);
                return DecodeStatus.IBeacon;
            }

            return structures == 0 ? DecodeStatus.Empty : DecodeStatus.Foreign;
        }

        private static DecodeStatus DecodeOurs(byte[] b, int data, int dataLength, Frame frame)
        {
            int p = data + 2;
            int payloadLength = dataLength - 2;
            if (payloadLength < 1)
            {
                return DecodeStatus.BadLength;
            }

            int version = b[p] >> 4;
            FrameKind kind = (FrameKind)(b[p] & 0x0F);
            if (version != FrameLayout.Version)
            {
                return DecodeStatus.UnsupportedVersion;
            }

            int bodyLength = FrameLayout.BodyLength(kind);
            if (bodyLength < 0 || kind == FrameKind.None)
            {
                return DecodeStatus.UnknownKind;
            }

            if (payloadLength != FrameLayout.HeaderLength + bodyLength + FrameLayout.MacLength)
            {
                return DecodeStatus.BadLength;
            }

            frame.Kind = kind;
            frame.ExerciseId = Bytes.ReadUInt16(b, p + FrameLayout.ExerciseId);
            frame.DeviceId = Bytes.ReadUInt16(b, p + FrameLayout.DeviceId);
            frame.Counter = Bytes.ReadUInt32(b, p + FrameLayout.Counter);
            frame.SignedOffset = data;
            frame.SignedLength = 2 + FrameLayout.HeaderLength + bodyLength;
            frame.Mac = Bytes.ReadUInt32(b, data + frame.SignedLength);

            int body = p + FrameLayout.Body;
            switch (kind)
            {
                case FrameKind.Badge:
                    return ReadBadge(b, body, frame.Badge);
                case FrameKind.Tag:
                    return ReadTag(b, body, frame.Tag);
                default:
                    frame.Anchor.Zone = b[body];
                    frame.Anchor.RssiAt1m = (sbyte)b[body + 1];
                    return frame.Anchor.Zone == Zone.None ? DecodeStatus.BadField : DecodeStatus.Ours;
            }
        }

        private static DecodeStatus ReadBadge(byte[] b, int body, BadgeBody badge)
        {
            byte role = b[body];
            byte flags = b[body + 2];
            badge.Role = (OfficerRole)role;
            badge.Zone = b[body + 1];
            badge.Emergency = (flags & FrameLayout.BadgeFlagEmergency) != 0;
            badge.BatteryPercent = b[body + 3];
            if (role < (byte)OfficerRole.Contact || role > (byte)OfficerRole.Evaluator)
            {
                return DecodeStatus.BadField;
            }

            if ((flags & ~FrameLayout.BadgeFlagEmergency) != 0 || !IsBattery(badge.BatteryPercent))
            {
                return DecodeStatus.BadField;
            }

            return DecodeStatus.Ours;
        }

        private static DecodeStatus ReadTag(byte[] b, int body, TagBody tag)
        {
            byte status = b[body];
            int colour = status & FrameLayout.TagColourMask;
            tag.Colour = (TriageColour)colour;
            tag.Committed = (status & FrameLayout.TagCommittedBit) != 0;
            tag.Changes = b[body + 1];
            tag.SecondsSinceChange = Bytes.ReadUInt16(b, body + 2);
            tag.Zone = b[body + 4];
            tag.BatteryPercent = b[body + 5];
            if (colour > (int)TriageColour.Black || (status & ~(FrameLayout.TagColourMask | FrameLayout.TagCommittedBit)) != 0)
            {
                return DecodeStatus.BadField;
            }

            return IsBattery(tag.BatteryPercent) ? DecodeStatus.Ours : DecodeStatus.BadField;
        }

        private static bool IsBattery(byte value)
        {
            return value <= 100 || value == FrameLayout.BatteryUnknown;
        }

        // Apple's manufacturer data for an iBeacon: 4C 00, type 02, length 15, then 21 bytes.
        private static bool IsIBeacon(byte[] b, int data, int dataLength)
        {
            return dataLength == 25 && b[data + 2] == 0x02 && b[data + 3] == 0x15;
        }

        private static void ReadIBeacon(byte[] b, int data, IBeacon iBeacon)
        {
            System.Array.Copy(b, data + 4, iBeacon.Uuid, 0, IBeacon.UuidLength);
            int p = data + 4 + IBeacon.UuidLength;
            iBeacon.Major = (ushort)((b[p] << 8) | b[p + 1]);
            iBeacon.Minor = (ushort)((b[p + 2] << 8) | b[p + 3]);
            iBeacon.MeasuredPower = (sbyte)b[p + 4];
        }
    }
}
