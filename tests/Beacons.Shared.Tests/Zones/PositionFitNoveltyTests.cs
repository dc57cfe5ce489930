using Beacons.Placement;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit, set to weigh a step's evidence by how much the levels have moved (<see cref="PositionFitSettings.NoveltyDb"/>,
/// off by default; docs/zones.md "Position fit", "What was tried"), on the three rooms of <see cref="PositionFitTests"/>: 1 | 2 | 3, receivers in rooms 1 and 3.
/// </summary>
public class PositionFitNoveltyTests
{
    private static readonly PositionFitSettings On = new() { NoveltyDb = 5, NoveltySteps = 6 }, Off = new();

    /// <summary>
    /// A device stands at x = 3 in room 1 for 10 s; then, while it still stands there, its levels drift in 20 s to those of
    /// x = 5 in room 2 (people moving about it, a door swinging: the slow shadowing of a still link) and stay there for
    /// 20 s. Returns the zone shown at the end.
    /// </summary>
    private static byte Drift(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 3.0, 2, 0, 10_000);
        long t = 10_000;
        for (double x = 3.0; x < 5.0; x += 0.02, t += 250)
        {
            PositionFitTests.Stand(locator, x, 2, t, 250);
        }

        return PositionFitTests.Stand(locator, 5.0, 2, t, 20_000);
    }

    /// <summary>
    /// How long after it sets off a device walking from x = 2 at 1.4 m/s, and standing at x = 6 in room 2 from 2.9 s on, is
    /// first shown in room 2 (it crosses into it at x = 4, after 1.4 s).
    /// </summary>
    private static long Walk(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 2.0, 2, 0, 10_000);
        for (long t = 0; t < 15_000; t += 250)
        {
            if (PositionFitTests.Stand(locator, Math.Min(6.0, 2.0 + (1.4 * t / 1000)), 2, 10_000 + t, 250) == 2)
            {
                return t;
            }
        }

        return long.MaxValue;
    }

    [Fact]
    public void Levels_that_drift_while_a_device_stands_do_not_move_it_into_the_next_room()
    {
        Assert.Equal(1, Drift(On));
        Assert.Equal(2, Drift(Off)); // every step counted in full: the repeated lean adds up
    }

    [Fact]
    public void A_walk_into_the_next_room_is_shown_as_soon_as_with_every_step_counted_in_full()
    {
        long walking = Walk(On), off = Walk(Off);

        Assert.True(off < 10_000, $"{off}");
        Assert.True(walking <= off + 500, $"{walking} ms against {off} ms");
    }

    [Fact]
    public void A_receiver_that_starts_hearing_the_device_counts_as_a_move()
    {
        // Room 1's receiver hears the device at the same level every step; from the ninth step on, room 3's hears it 20 dB
        // louder. Room 1's level does not move, so only the receiver that entered (from below the floor) makes the step's
        // evidence count, and the device leaves room 1 within two steps, as with every step counted in full.
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), On);
        var shown = new System.Text.StringBuilder();
        for (long t = 0; t < 8_000; t += 500)
        {
            locator.Observe(1, 1, -66, t);
            if (t >= 4000)
            {
                locator.Observe(3, 3, -46, t + 5);
            }

            shown.Append(locator.Update(t + 250));
        }

        Assert.Equal(new string('1', 9), shown.ToString()[..9]);
        Assert.NotEqual('1', shown[10]);
    }

    /// <summary>How long after it steps 0.75 m into room 2 (no receiver there) and stands a device is first shown there; -1: not in 2 minutes.</summary>
    private static long StepInside(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 2.5, 2, 0, 10_000);
        for (long t = 0; t < 120_000; t += 500)
        {
            if (PositionFitTests.Stand(locator, 4.75, 2, 10_000 + t, 500) == 2)
            {
                return t;
            }
        }

        return -1;
    }

    [Fact]
    public void A_device_standing_just_inside_a_room_without_a_receiver_is_shown_there_only_when_the_move_chance_is_weighed_too()
    {
        // Its lead is weak: with every step in full it takes 12 s. Once its levels stop moving its evidence counts a tenth,
        // which no longer outgrows the filter's move chance; weighed alike (NoveltyMove), the lead still grows, slowly.
        Assert.Equal(12_000, StepInside(Off));
        Assert.Equal(-1, StepInside(On));
        long weighed = StepInside(new PositionFitSettings { NoveltyDb = 5, NoveltySteps = 6, NoveltyMove = 1 });
        Assert.InRange(weighed, 12_000, 120_000);
    }
}
