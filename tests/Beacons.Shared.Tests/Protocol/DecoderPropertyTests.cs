using Beacons.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>
/// Thousands of generated inputs: random, truncated, oversized, foreign and tampered bytes. The decoder
/// must answer each with a defined status and never throw; tampering must never pass as a verified frame.
/// </summary>
public class DecoderPropertyTests
{
    private static readonly Config Thorough = Config.QuickThrowOnFailure.WithMaxTest(5000);

    private static Gen<byte[]> BytesUpTo(int max) =>
        from length in Gen.Choose(0, max)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), length)
        select bytes;

    private static Gen<Frame> AnyFrame =>
        from kind in Gen.Elements(FrameKind.Badge, FrameKind.Tag, FrameKind.Anchor)
        from exercise in Gen.Choose(0, ushort.MaxValue)
        from device in Gen.Choose(0, ushort.MaxValue)
        from counter in Gen.Choose(int.MinValue, int.MaxValue)
        from role in Gen.Choose(1, 5)
        from zone in Gen.Choose(1, 255)
        from flag in Gen.Elements(true, false)
        from battery in Gen.OneOf(Gen.Choose(0, 100), Gen.Constant(255))
        from colour in Gen.Choose(0, 4)
        from changes in Gen.Choose(0, 255)
        from seconds in Gen.Choose(0, ushort.MaxValue)
        from rssi in Gen.Choose(-100, -30)
        select Build(kind, exercise, device, counter, role, zone, flag, battery, colour, changes, seconds, rssi);

    private static Frame Build(FrameKind kind, int exercise, int device, int counter, int role, int zone, bool flag, int battery, int colour, int changes, int seconds, int rssi)
    {
        var f = new Frame { Kind = kind, ExerciseId = (ushort)exercise, DeviceId = (ushort)device, Counter = unchecked((uint)counter) };
        f.Badge.Role = (OfficerRole)role;
        f.Badge.Zone = (byte)zone;
        f.Badge.Emergency = flag;
        f.Badge.BatteryPercent = (byte)battery;
        f.Tag.Colour = (TriageColour)colour;
        f.Tag.Committed = flag;
        f.Tag.Changes = (byte)changes;
        f.Tag.SecondsSinceChange = (ushort)seconds;
        f.Tag.Zone = (byte)zone;
        f.Tag.BatteryPercent = (byte)battery;
        f.Anchor.Zone = (byte)zone;
        f.Anchor.RssiAt1m = (sbyte)rssi;
        return f;
    }

    private static DecodeStatus Decode(byte[] advert, Frame into) =>
        AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, into, new IBeacon());

    [Fact]
    public void RandomBytesNeverThrowAndGetADefinedStatus()
    {
        Prop.ForAll(BytesUpTo(64).ToArbitrary(), bytes =>
        {
            DecodeStatus status = Decode(bytes, new Frame());
            return Enum.IsDefined(status) && (bytes.Length <= 31 || status == DecodeStatus.Oversized);
        }).Check(Thorough);
    }

    [Fact]
    public void RandomBytesBehindOurHeaderNeverThrow()
    {
        // Random payloads after our company ID reach the deeper parts of the decoder.
        Prop.ForAll(BytesUpTo(26).ToArbitrary(), payload =>
        {
            byte[] advert = [(byte)(payload.Length + 3), 0xFF, 0xFF, 0xFF, .. payload];
            DecodeStatus status = Decode(advert, new Frame());
            return Enum.IsDefined(status) && status != DecodeStatus.Foreign;
        }).Check(Thorough);
    }

    [Fact]
    public void EveryValidFrameRoundTripsAndVerifies()
    {
        Prop.ForAll(AnyFrame.ToArbitrary(), frame =>
        {
            byte[] advert = Frames.Advertise(frame);
            var read = new Frame();
            return Decode(advert, read) == DecodeStatus.Ours
                && FrameMac.Verify(Frames.Key, advert, read)
                && FrameCases.Fields(read) == FrameCases.Fields(frame);
        }).Check(Thorough);
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        Prop.ForAll(AnyFrame.ToArbitrary(), frame =>
        {
            byte[] advert = Frames.Advertise(frame);
            for (int length = FrameLayout.FlagsAdLength + 1; length < advert.Length; length++)
            {
                if (Decode(advert[..length], new Frame()) != DecodeStatus.Truncated)
                {
                    return false;
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void NoSingleBitFlipPassesAsAVerifiedFrame()
    {
        Gen<(Frame, int)> frameAndBit =
            from frame in AnyFrame
            from bit in Gen.Choose(0, 8 * 26 - 1)
            select (frame, bit);
        Prop.ForAll(frameAndBit.ToArbitrary(), input =>
        {
            (Frame frame, int bit) = input;
            byte[] advert = Frames.Advertise(frame);
            int flip = bit % (8 * advert.Length);
            advert[flip / 8] ^= (byte)(1 << (flip % 8));
            var read = new Frame();
            DecodeStatus status = Decode(advert, read);
            bool flippedFlags = flip / 8 < FrameLayout.FlagsAdLength;
            // A flip in the flags AD may leave a valid frame; anywhere else it must not verify.
            return flippedFlags || status != DecodeStatus.Ours || !FrameMac.Verify(Frames.Key, advert, read);
        }).Check(Thorough);
    }

    [Fact]
    public void ForeignCompanyIdsAreForeign()
    {
        Gen<(Frame, int)> frameAndCompany =
            from frame in AnyFrame
            from company in Gen.Choose(0, 0xFFFE).Where(c => c != FrameLayout.AppleCompanyId)
            select (frame, company);
        Prop.ForAll(frameAndCompany.ToArbitrary(), input =>
        {
            byte[] advert = Frames.Advertise(input.Item1, company: (ushort)input.Item2);
            return Decode(advert, new Frame()) == DecodeStatus.Foreign;
        }).Check(Thorough);
    }

    [Fact]
    public void OffsetsAndLengthsOutsideTheBufferAreRejectedNotThrown()
    {
        Prop.ForAll(Gen.Choose(-5, 40).ToArbitrary(), Gen.Choose(-5, 40).ToArbitrary(), (offset, length) =>
        {
            byte[] buffer = Frames.Advertise(Frames.Badge());
            DecodeStatus status = AdvertDecoder.Decode(buffer, offset, length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon());
            bool inside = offset >= 0 && length >= 0 && offset + length <= buffer.Length;
            return inside || status == DecodeStatus.BadArguments;
        }).Check(Thorough);
    }
}
