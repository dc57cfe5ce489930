using Beacons.Protocol;

namespace Beacons.NanoBench
{
    /// <summary>Typical frames and keys (docs/protocol.md's examples) for the timed operations.</summary>
    internal static class Samples
    {
        public static readonly MacKey FrameKey = MacKey.TryParseHex("000102030405060708090a0b0c0d0e0f");
        public static readonly MacKey ReceiverKey = MacKey.TryParseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

        public static Frame Badge()
        {
            var f = new Frame { Kind = FrameKind.Badge, ExerciseId = 42, DeviceId = 101, Counter = 1001 };
            f.Badge.Role = OfficerRole.Contact;
            f.Badge.Zone = 3;
            f.Badge.BatteryPercent = 87;
            return f;
        }

        public static Frame Anchor()
        {
            var f = new Frame { Kind = FrameKind.Anchor, ExerciseId = 42, DeviceId = 3001, Counter = 7 };
            f.Anchor.Zone = 12;
            f.Anchor.RssiAt1m = -59;
            return f;
        }

        public static byte[] Advert(Frame frame)
        {
            byte[] buffer = new byte[FrameLayout.MaxAdvertisingData];
            int length = FrameWriter.WriteAdvertisement(frame, FrameLayout.DefaultCompanyId, FrameKey, buffer, 0);
            byte[] advert = new byte[length];
            System.Array.Copy(buffer, advert, length);
            return advert;
        }
    }
}
