using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>The example frames of docs/protocol.md, shared by the golden and property tests.</summary>
internal static class Frames
{
    /// <summary>The spec's example key: 00 01 02 .. 0f.</summary>
    public static readonly MacKey Key = new(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());

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

    public static byte[] Advertise(Frame frame, ushort company = FrameLayout.DefaultCompanyId, MacKey? key = null)
    {
        byte[] buffer = new byte[FrameLayout.MaxAdvertisingData];
        int length = FrameWriter.WriteAdvertisement(frame, company, key ?? Key, buffer, 0);
        return buffer[..length];
    }
}
