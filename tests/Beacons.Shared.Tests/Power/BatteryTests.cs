using Beacons.Power;
using Beacons.Badge;
using Beacons.Protocol;

namespace Beacons.Shared.Tests.Power;

/// <summary>The LiPo curve documented in Battery.cs and docs/badge.md, and the ADC arithmetic in front of it.</summary>
public class BatteryTests
{
    [Theory]
    [InlineData(4200, 100)]
    [InlineData(4150, 95)]
    [InlineData(4110, 90)]
    [InlineData(4020, 80)]
    [InlineData(3950, 70)]
    [InlineData(3870, 60)]
    [InlineData(3840, 50)]
    [InlineData(3800, 40)]
    [InlineData(3750, 25)]
    [InlineData(3710, 15)]
    [InlineData(3690, 10)]
    [InlineData(3610, 5)]
    [InlineData(3300, 0)]
    public void TheDocumentedPointsAreExact(int millivolts, int percent)
    {
        Assert.Equal(percent, Battery.PercentFromMillivolts(millivolts));
    }

    [Theory]
    [InlineData(4000, 78)] // 77.5 between 3980 (75) and 4020 (80), rounded half up
    [InlineData(3845, 53)] // 52.5 between 3840 (50) and 3850 (55)
    [InlineData(3650, 8)]  // 7.5 between 3610 (5) and 3690 (10)
    [InlineData(3455, 3)]  // 2.5 between 3300 (0) and 3610 (5)
    public void BetweenPointsTheCurveIsAStraightLine(int millivolts, int percent)
    {
        Assert.Equal(percent, Battery.PercentFromMillivolts(millivolts));
    }

    [Theory]
    [InlineData(4201)]
    [InlineData(4350)] // on a charger
    [InlineData(4500)]
    public void AboveFullIsFull(int millivolts)
    {
        Assert.Equal(100, Battery.PercentFromMillivolts(millivolts));
    }

    [Theory]
    [InlineData(3299)]
    [InlineData(3000)]
    [InlineData(2500)]
    public void BelowTheCurveIsEmpty(int millivolts)
    {
        Assert.Equal(0, Battery.PercentFromMillivolts(millivolts));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2499)] // no cell, or the pin floats
    [InlineData(4501)] // not a single Li-ion cell
    [InlineData(5000)]
    public void VoltagesNoCellCanHaveAreUnknownNotEmpty(int millivolts)
    {
        Assert.Equal(FrameLayout.BatteryUnknown, Battery.PercentFromMillivolts(millivolts));
    }

    [Fact]
    public void TheCurveNeverFallsAsTheVoltageRises()
    {
        int previous = 0;
        for (int mv = Battery.MinPlausibleMv; mv <= Battery.MaxPlausibleMv; mv++)
        {
            int percent = Battery.PercentFromMillivolts(mv);
            Assert.InRange(percent, 0, 100);
            Assert.True(percent >= previous, mv + " mV gives " + percent + " %, below " + previous + " % at one millivolt less");
            previous = percent;
        }

        Assert.Equal(100, previous);
    }

    [Fact]
    public void AnEsp32ReadingThroughAHalvingDividerGivesTheCellVoltage()
    {
        // 12-bit ADC, 3.3 V full scale, 100k/100k divider: a full cell (4.2 V) is 2.1 V at the pin.
        Assert.Equal(4200, Battery.MillivoltsFromReading(2606, 4095, 3300, 2000));
        Assert.Equal(0, Battery.MillivoltsFromReading(0, 4095, 3300, 2000));
        Assert.Equal(3300, Battery.MillivoltsFromReading(4095, 4095, 3300, 1000));
        Assert.Equal(100, Battery.PercentFromMillivolts(Battery.MillivoltsFromReading(2606, 4095, 3300, 2000)));
    }

    [Theory]
    [InlineData(-1, 4095, 3300, 2000)]
    [InlineData(5000, 4095, 3300, 2000)]
    [InlineData(100, 0, 3300, 2000)]
    [InlineData(100, 4095, 0, 2000)]
    [InlineData(100, 4095, 3300, 0)]
    public void ANonsenseReadingIsUnknown(int reading, int max, int fullScale, int divider)
    {
        Assert.Equal(0, Battery.MillivoltsFromReading(reading, max, fullScale, divider));
        Assert.Equal(FrameLayout.BatteryUnknown, Battery.PercentFromMillivolts(Battery.MillivoltsFromReading(reading, max, fullScale, divider)));
    }

    [Fact]
    public void TheLowBatteryWarningHasHysteresis()
    {
        Assert.False(Battery.IsLow(16, false));
        Assert.True(Battery.IsLow(15, false));
        Assert.True(Battery.IsLow(0, false));

        // A cell that recovers a little under less load keeps warning until it is clearly above.
        Assert.True(Battery.IsLow(18, true));
        Assert.True(Battery.IsLow(20, true));
        Assert.False(Battery.IsLow(21, true));

        Assert.False(Battery.IsLow(FrameLayout.BatteryUnknown, false));
        Assert.False(Battery.IsLow(FrameLayout.BatteryUnknown, true));
    }
}
