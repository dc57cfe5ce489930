using Beacons.Anchor;
using Beacons.Protocol;
using Xunit;
using static Beacons.Shared.Tests.Receiver.RelayFixtures;

namespace Beacons.Shared.Tests.Receiver;

/// <summary>The zone anchor's frames, as a receiver or a badge will hear them.</summary>
public class AnchorBeaconTests
{
    private static AnchorBeacon NewAnchor(MemoryCounterStore store) =>
        new(ExerciseId, anchorId: 7, zone: 3, rssiAt1m: -59, FrameLayout.DefaultCompanyId, FrameKey, new RisingCounter(store, 16), refreshMs: 60_000);

    [Fact]
    public void An_anchor_frame_decodes_and_verifies_with_its_zone_and_calibration()
    {
        AnchorBeacon anchor = NewAnchor(new MemoryCounterStore());
        int length = anchor.Build();

        // As the air carries it: flags, then the manufacturer data AD around what the anchor built.
        byte[] advert = new byte[3 + 2 + length];
        advert[0] = 2; advert[1] = FrameLayout.AdTypeFlags; advert[2] = FrameLayout.FlagsValue;
        advert[3] = (byte)(length + 1); advert[4] = FrameLayout.AdTypeManufacturerData;
        Array.Copy(anchor.ManufacturerData, 0, advert, 5, length);

        var frame = new Frame();
        Assert.Equal(DecodeStatus.Ours, AdvertDecoder.Decode(advert, 0, advert.Length, FrameLayout.DefaultCompanyId, frame, new IBeacon()));
        Assert.True(FrameMac.Verify(FrameKey, advert, frame));
        Assert.Equal(FrameKind.Anchor, frame.Kind);
        Assert.Equal(7, frame.DeviceId);
        Assert.Equal(3, frame.Anchor.Zone);
        Assert.Equal(-59, frame.Anchor.RssiAt1m);
    }

    [Fact]
    public void Every_refresh_carries_a_higher_counter_even_after_a_reboot()
    {
        var store = new MemoryCounterStore();
        AnchorBeacon anchor = NewAnchor(store);
        anchor.Build();
        uint first = anchor.Counter;
        anchor.Build();
        Assert.True(anchor.Counter > first);

        AnchorBeacon rebooted = NewAnchor(store);
        rebooted.Build();
        Assert.True(rebooted.Counter > anchor.Counter);
    }

    [Fact]
    public void The_publisher_is_refreshed_once_a_minute()
    {
        AnchorBeacon anchor = NewAnchor(new MemoryCounterStore());
        Assert.True(anchor.RefreshDue(0));
        anchor.Published(1000);
        Assert.False(anchor.RefreshDue(60_999));
        Assert.True(anchor.RefreshDue(61_000));
    }

    [Fact]
    public void An_anchor_without_a_zone_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            new AnchorBeacon(ExerciseId, 7, Zone.None, -59, FrameLayout.DefaultCompanyId, FrameKey, new RisingCounter(new MemoryCounterStore(), 16), 60_000));
    }
}
