using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>
/// Pins every frame kind's exact bytes: these are the worked examples of docs/protocol.md, so a
/// change here is a change of the wire format and needs a new protocol version.
/// </summary>
public class FrameGoldenTests
{
    [Theory]
    [InlineData("badge", "020106" + "14ffffff" + "112a006500e9030000" + "01030057" + "MAC")]
    [InlineData("tag", "020106" + "16ffffff" + "122a00f50102010000" + "0b015f000040" + "MAC")]
    [InlineData("anchor", "020106" + "12ffffff" + "132a00b90b07000000" + "0cc5" + "MAC")]
    public void WritesTheSpecifiedBytes(string kind, string expectedWithoutMac)
    {
        byte[] advert = Frames.Advertise(Example(kind));

        string hex = Convert.ToHexStringLower(advert);
        string expectedPrefix = expectedWithoutMac.Replace("MAC", "");
        Assert.StartsWith(expectedPrefix, hex);
        Assert.Equal(expectedPrefix.Length + 8, hex.Length);
        Assert.Equal(GoldenMac(kind), hex[expectedPrefix.Length..]);
    }

    [Fact]
    public void FitsALegacyAdvertWithTheSpecifiedRoomLeft()
    {
        Assert.Equal(24, Frames.Advertise(Frames.Badge()).Length);
        Assert.Equal(26, Frames.Advertise(Frames.Tag()).Length);
        Assert.Equal(22, Frames.Advertise(Frames.Anchor()).Length);
    }

    [Theory]
    [InlineData("badge")]
    [InlineData("tag")]
    [InlineData("anchor")]
    public void DecodesBackToTheSameFieldsAndVerifies(string kind)
    {
        Frame written = Example(kind);
        byte[] advert = Frames.Advertise(written);
        var read = new Frame();

        DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, read, new IBeacon());

        Assert.Equal(DecodeStatus.Ours, status);
        Assert.True(FrameMac.Verify(Frames.Key, advert, read));
        Assert.Equal(FrameFields(written), FrameFields(read));
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
        byte[] advert = Convert.FromHexString("0201061aff4c000215e2c56db5dffb48d2b060d0f5a71096e000010007c5");
        var iBeacon = new IBeacon();

        DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, new Frame(), iBeacon);

        Assert.Equal(DecodeStatus.IBeacon, status);
        Assert.Equal("e2c56db5dffb48d2b060d0f5a71096e0", Convert.ToHexStringLower(iBeacon.Uuid));
        Assert.Equal(1, iBeacon.Major);
        Assert.Equal(7, iBeacon.Minor);
        Assert.Equal(-59, iBeacon.MeasuredPower);
    }

    [Theory]
    [InlineData("", DecodeStatus.Empty)]
    [InlineData("0000000000", DecodeStatus.Empty)]
    [InlineData("020106", DecodeStatus.Foreign)]
    [InlineData("0201060fff060001092002f8d5a3e8e5c0a4c0", DecodeStatus.Foreign)] // Microsoft (0x0006) CDP-like data
    [InlineData("0201060aff0600", DecodeStatus.Truncated)]
    [InlineData("05ffffff2100", DecodeStatus.UnsupportedVersion)]
    [InlineData("05ffffff1900", DecodeStatus.UnknownKind)]
    [InlineData("05ffffff1100", DecodeStatus.BadLength)]
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

    internal static Frame Example(string kind) => kind switch
    {
        "badge" => Frames.Badge(),
        "tag" => Frames.Tag(),
        _ => Frames.Anchor(),
    };

    internal static string FrameFields(Frame f) =>
        $"{f.Kind} {f.ExerciseId} {f.DeviceId} {f.Counter} {f.Mac} | " +
        (f.Kind switch
        {
            FrameKind.Badge => $"{f.Badge.Role} {f.Badge.Zone} {f.Badge.Emergency} {f.Badge.BatteryPercent}",
            FrameKind.Tag => $"{f.Tag.Colour} {f.Tag.Committed} {f.Tag.Changes} {f.Tag.SecondsSinceChange} {f.Tag.Zone} {f.Tag.BatteryPercent}",
            _ => $"{f.Anchor.Zone} {f.Anchor.RssiAt1m}",
        });

    private static string GoldenMac(string kind) => kind switch
    {
        "badge" => "12afc6c0",
        "tag" => "6a3b72af",
        _ => "685ff517",
    };
}
