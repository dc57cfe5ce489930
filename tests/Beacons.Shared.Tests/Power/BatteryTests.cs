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

    [Theory]
    [InlineData(2430, 4200)] // ESP32: a full cell is 2,100 mV at the pin through the 100k/100k divider
    [InlineData(2126, 3710)] // ESP32: the cell at 15 %, where the warning starts
    [InlineData(1872, 3300)] // ESP32: empty
    public void AnEsp32CountThroughAHalvingDividerGivesTheCellVoltage(int count, int cellMv)
    {
        Assert.InRange(Battery.CellMillivolts(AdcCurve.Esp32At12dB, count, 2000), cellMv - 4, cellMv + 4);
    }

    [Fact]
    public void AFullCellReadsFullNotTwoThirds()
    {
        // Counts taken as linear to 3,300 mV put a full cell at 3,916 mV (68 %) and a cell at 15 % near
        // 3,420 mV (2 %): the badge warned of a flat battery at half charge.
        Assert.Equal(100, Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32At12dB, 2430, 2000)));
        Assert.True(Battery.IsLow(Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32At12dB, 2126, 2000)), false));
        Assert.False(Battery.IsLow(Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32At12dB, 2200, 2000)), false));
    }

    [Theory]
    [InlineData(-1, 2000)]
    [InlineData(4096, 2000)]
    [InlineData(2430, 0)]
    public void ANonsenseCountIsUnknown(int count, int divider)
    {
        Assert.Equal(0, Battery.CellMillivolts(AdcCurve.Esp32At12dB, count, divider));
        Assert.Equal(FrameLayout.BatteryUnknown, Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32At12dB, count, divider)));
        Assert.Equal(0, Battery.CellMillivolts(null, 2430, 2000));
    }

    [Fact]
    public void NoCellOnTheDividerIsUnknownNotEmpty()
    {
        // A floating or grounded pin reads near 0: below any cell, so "unknown", never a flat-battery warning.
        Assert.Equal(FrameLayout.BatteryUnknown, Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32At12dB, 0, 2000)));
        Assert.Equal(FrameLayout.BatteryUnknown, Battery.PercentFromMillivolts(Battery.CellMillivolts(AdcCurve.Esp32C3At12dB, 0, 2000)));
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
