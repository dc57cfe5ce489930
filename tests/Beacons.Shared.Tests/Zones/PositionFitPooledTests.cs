using Beacons.Placement;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// Settings tried for the UCI floor and kept off (docs/zones.md, "Position fit", "What was tried": stillness, pooled
/// levels and the centroid), on the three rooms of <see cref="PositionFitTests"/>: 1 | 2 | 3, receivers in rooms 1 and 3.
/// </summary>
public class PositionFitPooledTests
{
    [Fact]
    public void The_receiver_spacing_is_the_median_distance_to_the_nearest_receiver_on_the_same_floor()
    {
        // Nearest neighbours 1, 1 and 4 on floor 0 (median 1); the receiver right above another, on floor 1, has no
        // neighbour on its floor and does not count. Mutations: the mean (2) or the largest (4) fail; so does counting
        // the receiver on the other floor (its nearest, 0, would make the median 1 still, but 0.5 with two there).
        var receivers = new Dictionary<int, (double, double)> { [1] = (0, 0), [2] = (1, 0), [3] = (5, 0), [4] = (0, 0) };
        var floors = new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0, [4] = 1 };
        var map = new PositionFitMap(receivers, [(0.5, 0.5, 1)], null, floors, [0], 3, 15);

        Assert.Equal(1.0, map.ReceiverSpacing(), 9);
        Assert.Equal(8.0, PositionFitTests.Rooms().ReceiverSpacing(), 9);
    }

    [Fact]
    public void The_centroid_term_costs_a_room_more_the_farther_it_lies_from_the_loud_receiver()
    {
        // Room 1's receiver 10 dB louder than room 3's: the power-weighted centroid lies in room 1, 0.7 m from its
        // receiver, 1.3 m from room 2 and 5.3 m from room 3 (spacing 8 m). Weighed strongly, the term adds least to room 1
        // and most to room 3. Mutations: dropping the term, or weighing the receivers evenly (the centroid in room 2), fail.
        double[] Errors(string spec)
        {
            var locator = new PositionFitLocator(PositionFitTests.Rooms(), PositionFitSettings.Parse(spec));
            locator.Observe(1, 1, -60, 0);
            locator.Observe(3, 3, -70, 0);
            locator.Update(600);
            return [.. locator.ZoneErrors];
        }

        double[] off = Errors(""), on = Errors("CentroidWeight=100");
        double[] added = [.. on.Zip(off, (a, b) => a - b)];
        Assert.True(added[0] < added[1] && added[1] < added[2], string.Join(", ", added));
        Assert.True(added[2] > 10, string.Join(", ", added));
    }

    [Fact]
    public void A_pooled_level_is_the_mean_power_over_the_last_steps_a_step_not_heard_counting_as_none()
    {
        // Heard once at -60 dBm in the first step, then not again (room 1's receiver keeps the device known): over the
        // last 4 steps the level falls by 10 log10(steps) as the empty steps join, and is gone after the fourth.
        // Mutations: dividing by 4 from the first step, or averaging in dB, fail.
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), PositionFitSettings.Parse("PowerMeanSteps=4"));
        var levels = new List<double>();
        for (long t = 0; t < 2500; t += 500)
        {
            locator.Observe(1, 1, -70, t);
            if (t == 0)
            {
                locator.Observe(3, 3, -60, t);
            }

            locator.Update(t + 500);
            levels.Add(locator.PowerLevels[1]);
        }

        Assert.Equal(-60, levels[0], 6);
        Assert.Equal(-60 - (10 * Math.Log10(2)), levels[1], 6);
        Assert.Equal(-60 - (10 * Math.Log10(4)), levels[3], 6);
        Assert.True(double.IsNaN(levels[4]));
    }

    [Fact]
    public void A_device_is_still_after_steady_steps_and_moving_again_at_a_clear_change()
    {
        // One digit a step (the step after each reading). Room 1's receiver at -60 dBm, wobbling by 2 dB (within StillDb,
        // 6 dB): still from the seventh step (six steady ones after the first). Room 3's entering at -80 dBm, far below the
        // loudest, leaves it still; room 1's stepping up to -50 dBm makes it moving, still again six steps on; room 3's
        // entering at -54 dBm (within 6 dB of the loudest) makes it moving. Mutations: every entry taken as a change fails
        // the quiet entry; the level's jump not checked fails the jump.
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), PositionFitSettings.Parse("StillMoveChance=0.003"));
        var still = new System.Text.StringBuilder();
        for (long t = 0; t < 12_000; t += 500)
        {
            locator.Observe(1, 1, (t < 5000 ? -60 : -50) + (int)(t / 500 % 3), t);
            if (t == 3500)
            {
                locator.Observe(3, 3, -80, t);
            }

            if (t == 9000)
            {
                locator.Observe(3, 3, -54, t);
            }

            locator.Update(t + 500);
            still.Append(locator.Still ? '1' : '0');
        }

        Assert.Equal("000000111100000011000000", still.ToString());
    }

    [Fact]
    public void The_pooled_centroid_counts_only_once_the_device_is_still()
    {
        // Room 1's receiver steady at -60 dBm, room 3's at -70: before the sixth steady step the zone errors are the
        // fit's alone; once still, the centroid (in room 1) adds most to room 3. Mutation: dropping the stillness gate
        // fails the first; dropping the term, the second.
        double[] ErrorsAfter(string spec, int steps)
        {
            var locator = new PositionFitLocator(PositionFitTests.Rooms(), PositionFitSettings.Parse(spec));
            for (long t = 0; t < steps * 500; t += 500)
            {
                locator.Observe(1, 1, -60, t);
                locator.Observe(3, 3, -70, t);
                locator.Update(t + 500);
            }

            return [.. locator.ZoneErrors];
        }

        const string pooled = "StillCentroid=1,CentroidWeight=100";
        Assert.Equal(ErrorsAfter("", 3), ErrorsAfter(pooled, 3));
        double[] off = ErrorsAfter("", 10), on = ErrorsAfter(pooled, 10);
        Assert.True(on[2] - off[2] > 10 && on[2] - off[2] > on[0] - off[0], string.Join(", ", on) + " / " + string.Join(", ", off));
    }
}
