using Beacons.Simulator.Radio;
using Xunit;

namespace Beacons.Simulator.Tests;

/// <summary>The radio-fit statistics on small hand-made series (docs/simulator.md, "Fitted to the flat").</summary>
public class RadioStatisticsTests
{
    [Fact]
    public void Standing_scatter_averages_each_groups_spread_and_skips_short_groups()
    {
        var groups = new List<IReadOnlyList<double>>
        {
            new double[] { -60, -62, -64 }, // SD 2
            new double[] { -70, -70, -76, -76 }, // SD sqrt(12)
            new double[] { -50, -90 }, // too short to count
        };

        Assert.Equal((2 + Math.Sqrt(12)) / 2, RadioStatistics.StandingScatterDb(groups), 6);
    }

    [Fact]
    public void Wall_step_is_own_room_mean_minus_other_rooms_mean()
    {
        Assert.Equal(8, RadioStatistics.WallStepDb([2, 4], [-6, -4]), 6);
        Assert.True(double.IsNaN(RadioStatistics.WallStepDb([2], [])));
    }

    [Fact]
    public void Loudest_in_own_room_counts_windows_whose_strongest_reading_is_in_the_room()
    {
        var windows = new List<IReadOnlyList<(double, bool)>>
        {
            new[] { (-60.0, true), (-70.0, false) },
            new[] { (-60.0, true), (-55.0, false) },
            new[] { (-80.0, false), (-75.0, true), (-90.0, false) },
            Array.Empty<(double, bool)>(),
        };

        Assert.Equal(2.0 / 3, RadioStatistics.LoudestInOwnRoomShare(windows), 9);
        Assert.True(double.IsNaN(RadioStatistics.LoudestInOwnRoomShare([])));
    }

    [Fact]
    public void Loss_share_counts_what_was_not_heard()
    {
        Assert.Equal(0.42, RadioStatistics.LossShare(29, 50), 6);
        Assert.Equal(0, RadioStatistics.LossShare(60, 50), 6);
    }

    [Fact]
    public void Correlation_pairs_readings_the_given_separation_apart()
    {
        // Residuals alternate every 0.5 m: pairs 1 m apart agree, pairs 0.5 m apart are opposite.
        var series = Enumerable.Range(0, 20).Select(i => (i * 0.5, i % 2 == 0 ? 3.0 : -3.0 + (i % 4 == 1 ? 0.5 : 0))).ToList();
        Assert.True(RadioStatistics.CorrelationAt(series, 1.0, 0.05) > 0.9);
        Assert.True(RadioStatistics.CorrelationAt(series, 0.5, 0.05) < -0.9);
        Assert.True(double.IsNaN(RadioStatistics.CorrelationAt(series, 50, 0.05)));
    }

    [Fact]
    public void Log_distance_fit_recovers_power_at_one_metre_and_exponent()
    {
        var readings = new[] { 1.0, 2, 4, 8 }.Select(d => (d, -59 - (25 * Math.Log10(d)))).ToList();
        var (p1m, n) = RadioStatistics.LogDistanceFit(readings);
        Assert.Equal(-59, p1m, 6);
        Assert.Equal(2.5, n, 6);
    }
}
