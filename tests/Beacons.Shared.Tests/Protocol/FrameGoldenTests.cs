using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>
/// Pins every frame kind's exact bytes: these are the worked examples of docs/protocol.md, so a
/// change here is a change of the wire format and needs a new protocol version.
/// </summary>
public class FrameGoldenTests
{
    public static IEnumerable<object[]> Kinds() => FrameCases.Kinds.Select((kind, i) => new object[] { kind, i });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WritesTheSpecifiedBytes(string kind, int index)
    {
        byte[] advert = Frames.Advertise(FrameCases.Example(kind));
        Assert.Equal(FrameCases.Golden[index], Convert.ToHexStringLower(advert));
    }

    [Fact]
    public void FitsALegacyAdvertWithTheSpecifiedRoomLeft()
    {
        Assert.Equal(24, Frames.Advertise(Frames.Badge()).Length);
        Assert.Equal(26, Frames.Advertise(Frames.Tag()).Length);
        Assert.Equal(22, Frames.Advertise(Frames.Anchor()).Length);
    }

    public static IEnumerable<object[]> KindNames() => FrameCases.Kinds.Select(kind => new object[] { kind });

    [Theory]
    [MemberData(nameof(KindNames))]
    public void DecodesBackToTheSameFieldsAndVerifies(string kind)
    {
        Frame written = FrameCases.Example(kind);
        byte[] advert = Frames.Advertise(written);
        var read = new Frame();

        DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, read, new IBeacon());

        Assert.Equal(DecodeStatus.Ours, status);
        Assert.True(FrameMac.Verify(Frames.Key, advert, read));
        Assert.Equal(FrameCases.Fields(written), FrameCases.Fields(read));
    }

    [Fact]
    public void AnotherExercisesKeyDoesNotVerify()
    {
        byte[] advert = Frames.Advertise(Frames.Badge());
        var read = new Frame();
        AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, read, new IBeacon());

        var otherKey = new MacKey(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        Assert.False(FrameMac.Verify(otherKey, advert, read));
    }

    [Fact]
    public void DecodesAnIBeacon()
    {
        // A commercial beacon: UUID e2c56db5-dffb-48d2-b060-d0f5a71096e0, major 1, minor 7, -59 dBm at 1 m.
        byte[] advert = Convert.FromHexString(FrameCases.IBeaconHex);
        var iBeacon = new IBeacon();

        DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), iBeacon);

        Assert.Equal(DecodeStatus.IBeacon, status);
        Assert.Equal("e2c56db5dffb48d2b060d0f5a71096e0", Convert.ToHexStringLower(iBeacon.Uuid));
        Assert.Equal(1, iBeacon.Major);
        Assert.Equal(7, iBeacon.Minor);
        Assert.Equal(-59, iBeacon.MeasuredPower);
    }

    public static IEnumerable<object[]> Malformed() => FrameCases.MalformedHex.Select((hex, i) => new object[] { hex, FrameCases.MalformedStatus[i] });

    [Theory]
    [MemberData(nameof(Malformed))]
    public void SaysWhatForeignAndBrokenBytesAre(string hex, DecodeStatus expected)
    {
        byte[] advert = Convert.FromHexString(hex);
        Assert.Equal(expected, AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon()));
    }

    [Fact]
    public void RejectsMoreThanALegacyAdvert()
    {
        byte[] advert = new byte[32];
        Assert.Equal(DecodeStatus.Oversized, AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon()));
    }

    [Fact]
    public void RejectsAColourThatDoesNotExist()
    {
        byte[] advert = Frames.Advertise(Frames.Tag());
        advert[16] = 0x0F; // tag status byte: committed + colour 7
        Assert.Equal(DecodeStatus.BadField, AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon()));
    }

    [Fact]
    public void UsesAConfiguredCompanyId()
    {
        byte[] advert = Frames.Advertise(Frames.Badge(), company: 0x1234);
        Assert.Equal(DecodeStatus.Foreign, AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), new IBeacon()));
        Assert.Equal(DecodeStatus.Ours, AdvertDecoder.Decode(advert, 0, advert.Length, 0x1234, new Frame(), new IBeacon()));
    }
}
