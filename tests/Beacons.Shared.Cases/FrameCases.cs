// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

using Beacons.Protocol;

namespace Beacons.Cases
{
    /// <summary>
    /// The worked example frames of docs/protocol.md and their exact bytes, and adverts that are not
    /// ours or are broken with what the decoder must say of them. A change of a golden advert is a
    /// change of the wire format and needs a new protocol version.
    /// </summary>
    public static class FrameCases
    {
        /// <summary>The spec's example key: 00 01 02 .. 0f.</summary>
        public static readonly MacKey Key = new MacKey(SipHashCases.Counting(16));

        /// <summary>A commercial iBeacon: UUID e2c56db5-dffb-48d2-b060-d0f5a71096e0, major 1, minor 7, -59 dBm at 1 m.</summary>
        public const string IBeaconHex = "0201061aff4c000215e2c56db5dffb48d2b060d0f5a71096e000010007c5";

        public static readonly string[] Kinds = { "badge", "tag", "anchor" };

        /// <summary>Each kind's whole advert (flags AD, manufacturer AD, body, 4-byte MAC), in the order of <see cref="Kinds"/>.</summary>
        public static readonly string[] Golden =
        {
            "020106" + "14ffffff" + "112a006500e9030000" + "01030057" + "12afc6c0",
            "020106" + "16ffffff" + "122a00f50102010000" + "0b015f000040" + "6a3b72af",
            "020106" + "12ffffff" + "132a00b90b07000000" + "0cc5" + "685ff517",
        };

        /// <summary>Adverts that are not ours or are broken, and what the decoder says of each.</summary>
        public static readonly string[] MalformedHex =
        {
            "",
            "0000000000",
            "020106",
            "0201060fff060001092002f8d5a3e8e5c0a4c0", // Microsoft (0x0006) CDP-like data
            "0201060aff0600",
            "05ffffff2100",
            "05ffffff1900",
            "05ffffff1100",
            IBeaconHex,
        };

        public static readonly DecodeStatus[] MalformedStatus =
        {
            DecodeStatus.Empty,
            DecodeStatus.Empty,
            DecodeStatus.Foreign,
            DecodeStatus.Foreign,
            DecodeStatus.Truncated,
            DecodeStatus.UnsupportedVersion,
            DecodeStatus.UnknownKind,
            DecodeStatus.BadLength,
            DecodeStatus.IBeacon,
        };

        public static Frame Example(string kind)
        {
            if (kind == "badge")
            {
                return Badge();
            }

            return kind == "tag" ? Tag() : Anchor();
        }

        public static Frame Badge()
        {
            var f = new Frame { Kind = FrameKind.Badge, ExerciseId = 0x002A, DeviceId = 0x0065, Counter = 0x000003E9 };
            f.Badge.Role = OfficerRole.Contact;
            f.Badge.Zone = 3;
            f.Badge.Emergency = false;
            f.Badge.BatteryPercent = 87;
            return f;
        }

        public static Frame Tag()
        {
            var f = new Frame { Kind = FrameKind.Tag, ExerciseId = 0x002A, DeviceId = 0x01F5, Counter = 0x00000102 };
            f.Tag.Colour = TriageColour.Red;
            f.Tag.Committed = true;
            f.Tag.Changes = 1;
            f.Tag.SecondsSinceChange = 95;
            f.Tag.Zone = Zone.None;
            f.Tag.BatteryPercent = 64;
            return f;
        }

        public static Frame Anchor()
        {
            var f = new Frame { Kind = FrameKind.Anchor, ExerciseId = 0x002A, DeviceId = 0x0BB9, Counter = 7 };
            f.Anchor.Zone = 12;
            f.Anchor.RssiAt1m = -59;
            return f;
        }

        /// <summary>The advert a device sends for <paramref name="frame"/>, exactly as long as it is.</summary>
        public static byte[] Advertise(Frame frame, ushort company, MacKey key)
        {
            byte[] buffer = new byte[FrameLayout.MaxAdvertisingData];
            int length = FrameWriter.WriteAdvertisement(frame, company, key, buffer, 0);
            byte[] advert = new byte[length];
            System.Array.Copy(buffer, advert, length);
            return advert;
        }

        public static byte[] Advertise(Frame frame)
        {
            return Advertise(frame, FrameLayout.DefaultCompanyId, Key);
        }

        /// <summary>Every field of a frame in one line, to compare a decoded frame with the one written.</summary>
        public static string Fields(Frame f)
        {
            string head = f.Kind + " " + f.ExerciseId + " " + f.DeviceId + " " + f.Counter + " " + f.Mac + " | ";
            if (f.Kind == FrameKind.Badge)
            {
                return head + f.Badge.Role + " " + f.Badge.Zone + " " + f.Badge.Emergency + " " + f.Badge.BatteryPercent;
            }

            if (f.Kind == FrameKind.Tag)
            {
                return head + f.Tag.Colour + " " + f.Tag.Committed + " " + f.Tag.Changes + " " + f.Tag.SecondsSinceChange + " " + f.Tag.Zone + " " + f.Tag.BatteryPercent;
            }

            return head + f.Anchor.Zone + " " + f.Anchor.RssiAt1m;
        }
    }
}
