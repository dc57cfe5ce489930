using Beacons.Badge;
using Beacons.Indicator;
using Beacons.Protocol;
using static Beacons.Shared.Tests.Badge.SelfLocatorTests;

namespace Beacons.Shared.Tests.Badge;

/// <summary>The badge's decisions together, driven like the device drives them.</summary>
public class BadgeBeaconTests
{
    /// <summary>A device loop: steps every 20 ms, switches the radio at a cost, publishes when due.</summary>
    private sealed class Device
    {
        public readonly BadgeBeacon Beacon;
        public readonly Frame Frame = new() { Kind = FrameKind.Badge, ExerciseId = Exercise, DeviceId = 101 };
        public readonly List<(long At, byte Zone, bool Emergency)> Published = [];
        public readonly List<(long From, long To)> OffAir = [];
        public RadioMode Radio = RadioMode.Advertise;
        public long Now;
        public int SwitchCostMs = 1500;
        private long _offSince = long.MinValue;

        public Device(BadgeSettings settings, SelfLocator? locator)
        {
            Beacon = new BadgeBeacon(OfficerRole.RtfMedic, settings, locator, 0);
            Beacon.RadioSwitched(0);
        }

        public void RunUntil(long end, Action<Device>? eachTurn = null)
        {
            while (Now < end)
            {
                Now += 20;
                eachTurn?.Invoke(this);
                RadioMode wanted = Beacon.Step(Now);
                if (wanted != Radio)
                {
                    if (wanted == RadioMode.Scan)
                    {
                        _offSince = Now;
                    }

                    Now += SwitchCostMs;
                    Radio = wanted;
                    Beacon.RadioSwitched(Now);
                }

                if (Beacon.PublishDue(Now))
                {
                    Assert.Equal(RadioMode.Advertise, Radio);
                    Beacon.Fill(Frame, 80);
                    Beacon.Published(Now);
                    Frame.Counter++;
                    Published.Add((Now, Frame.Badge.Zone, Frame.Badge.Emergency));
                    if (_offSince != long.MinValue)
                    {
                        OffAir.Add((_offSince, Now));
                        _offSince = long.MinValue;
                    }
                }
            }
        }
    }

    [Fact]
    public void WithoutSelfLocationTheBadgeRefreshesEveryIntervalAndSaysNotSelfLocated()
    {
        var device = new Device(new BadgeSettings(), null);
        device.RunUntil(600_000);

        Assert.All(device.Published, p => Assert.Equal(Zone.None, p.Zone));
        var gaps = device.Published.Zip(device.Published.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(gaps, g => Assert.InRange(g, RefreshRule.DefaultIntervalMs, RefreshRule.DefaultIntervalMs + 20));
        Assert.Empty(device.OffAir);
    }

    [Fact]
    public void TheFilledFrameCarriesRoleZoneEmergencyAndBatteryOnTheWire()
    {
        var device = new Device(new BadgeSettings(), null);
        device.Beacon.Handle(Gesture.HoldStarted, 0);
        device.Beacon.Fill(device.Frame, 64);
        var advert = new byte[FrameLayout.MaxAdvertisingData];
        int length = FrameWriter.WriteAdvertisement(device.Frame, Company, Key, advert, 0);
        var decoded = new Frame();

        Assert.Equal(DecodeStatus.Ours, AdvertDecoder.Decode(advert, 0, length, Company, decoded, new IBeacon()));
        Assert.True(FrameMac.Verify(Key, advert, decoded));
        Assert.Equal(FrameKind.Badge, decoded.Kind);
        Assert.Equal(OfficerRole.RtfMedic, decoded.Badge.Role);
        Assert.Equal(Zone.None, decoded.Badge.Zone);
        Assert.True(decoded.Badge.Emergency);
        Assert.Equal(64, decoded.Badge.BatteryPercent);
    }

    [Fact]
    public void AnEmergencyIsOnTheAirWithinTheMinimumGap()
    {
        var device = new Device(new BadgeSettings(), null);
        device.RunUntil(33_000);
        device.Beacon.Handle(Gesture.HoldStarted, device.Now);
        long raised = device.Now;
        device.RunUntil(40_000);

        var first = device.Published.First(p => p.Emergency);
        Assert.InRange(first.At - raised, 0, RefreshRule.DefaultMinGapMs + 20);
    }

    [Fact]
    public void AnEmergencyRaisedWhileScanningEndsTheScanAndGoesOnTheAir()
    {
        BadgeSettings settings = new() { SelfLocation = true };
        var device = new Device(settings, NewLocator(settings.FixMaxAgeMs));
        long raised = long.MinValue;
        device.RunUntil(120_000, d =>
        {
            if (raised == long.MinValue && d.Radio == RadioMode.Scan && d.Now > 60_000)
            {
                d.Beacon.Handle(Gesture.HoldStarted, d.Now);
                raised = d.Now;
            }
        });

        var first = device.Published.First(p => p.Emergency);
        // One loop turn, the switch back to advertising, and nothing else.
        Assert.InRange(first.At - raised, 0, 20 + device.SwitchCostMs + 20);
    }

    [Fact]
    public void TheBadgeCarriesTheZoneItHeardAndDropsItWhenTheFixIsStale()
    {
        BadgeSettings settings = new() { SelfLocation = true };
        SelfLocator locator = NewLocator(settings.FixMaxAgeMs);
        var device = new Device(settings, locator);
        byte[] anchor = AnchorData(5, 12);
        bool inRange = true;
        device.RunUntil(300_000, d =>
        {
            if (d.Now > 150_000)
            {
                inRange = false; // walked out of every anchor's range
            }

            if (inRange && d.Radio == RadioMode.Scan)
            {
                locator.Hear(Company, anchor, anchor.Length, -60, d.Now);
            }
        });

        var located = device.Published.Where(p => p.Zone == 12).ToList();
        Assert.NotEmpty(located);
        long lastFix = locator.FixMs;
        Assert.True(lastFix <= 150_000 + settings.ScanWindowMs + device.SwitchCostMs + 40);

        // Every payload after the fix went stale says "not self-located"; none before it does after the first fix.
        Assert.All(device.Published.Where(p => p.At > lastFix + settings.FixMaxAgeMs + 20), p => Assert.Equal(Zone.None, p.Zone));
        long firstFix = located[0].At;
        Assert.All(device.Published.Where(p => p.At >= firstFix && p.At <= lastFix + settings.FixMaxAgeMs), p => Assert.Equal(12, p.Zone));

        // The zone change (12 to none) went on the air at once, not at the next refresh.
        var stale = device.Published.First(p => p.At > firstFix && p.Zone == Zone.None);
        Assert.InRange(stale.At - (lastFix + settings.FixMaxAgeMs), 0, RefreshRule.DefaultMinGapMs + 40);
    }

    [Fact]
    public void ALocatingBadgeIsOffTheAirOnlyForItsScansAndStillRefreshes()
    {
        BadgeSettings settings = new() { SelfLocation = true };
        var device = new Device(settings, NewLocator(settings.FixMaxAgeMs));
        device.RunUntil(3_600_000);

        Assert.NotEmpty(device.OffAir);
        Assert.All(device.OffAir, o => Assert.InRange(o.To - o.From, settings.ScanWindowMs, settings.ScanWindowMs + (2 * device.SwitchCostMs) + 60));

        // Between scans the payload never gets older than the refresh interval.
        var gaps = device.Published.Zip(device.Published.Skip(1), (a, b) => b.At - a.At);
        Assert.All(gaps, g => Assert.True(g <= RefreshRule.DefaultIntervalMs + settings.ScanWindowMs + (2 * device.SwitchCostMs) + 60));
    }

    [Fact]
    public void SelfLocationWithoutALocatorIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new BadgeBeacon(OfficerRole.Contact, new BadgeSettings { SelfLocation = true }, null, 0));
    }
}
