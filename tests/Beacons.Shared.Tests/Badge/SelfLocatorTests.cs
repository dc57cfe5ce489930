using Beacons.Badge;
using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Badge;

/// <summary>Hearing anchors in scan windows, taking fixes, and letting them go stale.</summary>
public class SelfLocatorTests
{
    internal static readonly MacKey Key = new(Enumerable.Range(0, 16).Select(i => (byte)(i * 7)).ToArray());
    internal const ushort Exercise = 42;
    internal const ushort Company = FrameLayout.DefaultCompanyId;

    /// <summary>An anchor's manufacturer data as the watcher hands it over: the bytes after the company ID.</summary>
    internal static byte[] AnchorData(ushort anchorId, byte zone, ushort exercise = Exercise, MacKey? key = null, FrameKind kind = FrameKind.Anchor, sbyte rssiAt1m = -59)
    {
        var frame = new Frame { Kind = kind, ExerciseId = exercise, DeviceId = anchorId, Counter = 9 };
        frame.Anchor.Zone = zone;
        frame.Anchor.RssiAt1m = rssiAt1m;
        frame.Badge.Role = OfficerRole.Contact;
        frame.Tag.Colour = TriageColour.Red;
        var bytes = new byte[FrameLayout.MaxAdvertisingData];
        int length = FrameWriter.WriteManufacturerData(frame, Company, key ?? Key, bytes, 0);
        return bytes.Skip(2).Take(length - 2).ToArray();
    }

    internal static SelfLocator NewLocator(int fixMaxAgeMs = 30_000, int capacity = SelfLocator.DefaultCapacity) =>
        new(new ZoneEstimator(new ZoneEstimatorSettings()), Key, Exercise, Company, fixMaxAgeMs, capacity);

    private static bool Hear(SelfLocator locator, byte[] data, int rssi, long now) => locator.Hear(Company, data, data.Length, rssi, now);

    [Fact]
    public void AnAuthenticAnchorOfThisExerciseIsKept()
    {
        SelfLocator locator = NewLocator();
        Assert.True(Hear(locator, AnchorData(7, 3), -60, 100));
        Assert.Equal(0, locator.Rejected);
    }

    [Fact]
    public void ForgedForeignOrOtherFramesAreNot()
    {
        SelfLocator locator = NewLocator();
        var otherKey = new MacKey(new byte[16]);

        Assert.False(Hear(locator, AnchorData(7, 3, exercise: 41), -60, 100));
        Assert.False(Hear(locator, AnchorData(7, 3, key: otherKey), -60, 100));
        Assert.False(Hear(locator, AnchorData(7, 3, kind: FrameKind.Badge), -60, 100));
        Assert.False(Hear(locator, AnchorData(7, 3, kind: FrameKind.Tag), -60, 100));
        byte[] tampered = AnchorData(7, 3);
        tampered[FrameLayout.Body] ^= 0x01; // the zone byte
        Assert.False(Hear(locator, tampered, -60, 100));
        Assert.Equal(5, locator.Rejected);

        Assert.False(locator.Hear(0x004C, AnchorData(7, 3), 15, -60, 100));
        Assert.False(locator.Hear(Company, new byte[40], 40, -60, 100));
        Assert.False(locator.Hear(Company, null!, 0, -60, 100));
        Assert.False(locator.Hear(Company, new byte[3], 5, -60, 100));
    }

    [Fact]
    public void TheFixIsTheZoneOfTheAnchorsHeardInTheWindow()
    {
        SelfLocator locator = NewLocator();
        Hear(locator, AnchorData(1, 4), -55, 1000);
        Hear(locator, AnchorData(2, 9), -85, 1100);
        Hear(locator, AnchorData(1, 4), -57, 1500);
        Assert.Equal(Zone.None, locator.ZoneAt(1500));

        locator.EndScan(2000);

        Assert.Equal(4, locator.ZoneAt(2000));
        Assert.Equal(2000, locator.FixMs);
    }

    [Fact]
    public void EachAnchorsCalibrationIsUsed()
    {
        // Anchor 1 (zone 4) is heard 6 dB louder, but it is a loud anchor (-50 dBm at 1 m) and anchor 2
        // (zone 9) a quiet one (-70 dBm at 1 m): brought to the same 1 m reference, anchor 2 is nearer.
        SelfLocator locator = NewLocator();
        for (long t = 1000; t < 4000; t += 200)
        {
            Hear(locator, AnchorData(1, 4, rssiAt1m: -50), -64, t);
            Hear(locator, AnchorData(2, 9, rssiAt1m: -70), -70, t + 100);
        }

        locator.EndScan(4000);

        Assert.Equal(9, locator.ZoneAt(4000));
    }

    [Fact]
    public void AnAnchorWithoutACalibrationIsTakenAsHeard()
    {
        // 0 dBm at 1 m means "not set": the readings are used as they are, and the louder anchor wins.
        SelfLocator locator = NewLocator();
        for (long t = 1000; t < 4000; t += 200)
        {
            Hear(locator, AnchorData(1, 4, rssiAt1m: 0), -64, t);
            Hear(locator, AnchorData(2, 9, rssiAt1m: 0), -70, t + 100);
        }

        locator.EndScan(4000);

        Assert.Equal(4, locator.ZoneAt(4000));
    }

    [Fact]
    public void AFixGoesStaleAndTheBadgeSaysNotSelfLocated()
    {
        SelfLocator locator = NewLocator(fixMaxAgeMs: 30_000);
        Hear(locator, AnchorData(1, 4), -55, 1000);
        locator.EndScan(2000);

        Assert.Equal(4, locator.ZoneAt(32_000));
        Assert.Equal(Zone.None, locator.ZoneAt(32_001));
    }

    [Fact]
    public void AWindowThatHeardNothingTakesNoFixFromMemory()
    {
        SelfLocator locator = NewLocator(fixMaxAgeMs: 30_000);
        Hear(locator, AnchorData(1, 4), -55, 1000);
        locator.EndScan(2000);

        // The estimator still remembers anchor 1, but nothing was heard since: the old fix ages.
        locator.EndScan(12_000);
        locator.EndScan(22_000);

        Assert.Equal(2000, locator.FixMs);
        Assert.Equal(Zone.None, locator.ZoneAt(32_001));
    }

    [Fact]
    public void AFullQueueDropsAndCountsInsteadOfGrowing()
    {
        SelfLocator locator = NewLocator(capacity: 4);
        byte[] data = AnchorData(1, 4);
        int kept = Enumerable.Range(0, 10).Count(i => Hear(locator, data, -60, i));

        Assert.Equal(4, kept);
        Assert.Equal(6, locator.Dropped);
        locator.EndScan(100);
        Assert.True(Hear(locator, data, -60, 200));
    }

    [Fact]
    public void TheWatcherThreadCanHearWhileTheLoopEndsScans()
    {
        SelfLocator locator = NewLocator(capacity: 64);
        byte[] data = AnchorData(1, 4);
        int kept = 0;
        var hearer = new Thread(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                kept += Hear(locator, data, -60, 1000) ? 1 : 0;
            }
        });
        hearer.Start();
        while (hearer.IsAlive)
        {
            locator.EndScan(1000);
        }

        locator.EndScan(1000);
        Assert.Equal(20_000, kept + locator.Dropped);
        Assert.Equal(4, locator.ZoneAt(1000));
    }

    [Fact]
    public void AMovingBadgeFollowsTheAnchorsAcrossScanWindows()
    {
        // Zone 1's anchor fades while zone 2's grows, one reading each per window.
        SelfLocator locator = NewLocator();
        var zones = new List<byte>();
        for (int window = 0; window < 12; window++)
        {
            long start = window * 10_000L;
            Hear(locator, AnchorData(1, 1), -50 - (window * 4), start + 100);
            Hear(locator, AnchorData(2, 2), -95 + (window * 4), start + 300);
            locator.EndScan(start + 1500);
            zones.Add(locator.ZoneAt(start + 1500));
        }

        Assert.Equal(1, zones[0]);
        Assert.Equal(2, zones[^1]);
        Assert.DoesNotContain(Zone.None, zones);

        // Once it moved, it stayed: no flapping back.
        int firstTwo = zones.IndexOf(2);
        Assert.All(zones.Skip(firstTwo), z => Assert.Equal(2, z));
    }
}
