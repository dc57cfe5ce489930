using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>The example frames of docs/protocol.md (owned by <see cref="FrameCases"/>), shared by the golden and property tests.</summary>
internal static class Frames
{
    public static MacKey Key => FrameCases.Key;

    public static Frame Badge() => FrameCases.Badge();

    public static Frame Tag() => FrameCases.Tag();

    public static Frame Anchor() => FrameCases.Anchor();

    public static byte[] Advertise(Frame frame, ushort company = FrameLayout.DefaultCompanyId, MacKey? key = null) =>
        FrameCases.Advertise(frame, company, key ?? Key);
}
