using Beacons.Placement;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// A device that stands still (<see cref="PositionFitStillness"/>, <see cref="PositionFitSettings.StillAfterSteps"/>; docs/zones.md,
/// "Position fit", "A device that stands still"): first alone, then in the position fit on the three rooms of
/// <see cref="PositionFitTests"/>: 1 | 2 | 3, receivers in rooms 1 and 3.
/// </summary>
public class PositionFitStillnessTests
{
    private static readonly PositionFitSettings Defaults = new(), Off = new() { StillAfterSteps = 0 };

    /// <summary>Feeds <paramref name="steps"/> steps of two receivers' held levels (NaN: not held) and says whether the device was still after each.</summary>
    private static string Still(PositionFitStillness stillness, int steps, Func<int, (double A, double B)> levels, int from = 0)
    {
        var said = new System.Text.StringBuilder();
        for (int i = from; i < from + steps; i++)
        {
            var (a, b) = levels(i);
            stillness.Step([a, b]);
            said.Append(stillness.Still ? 'S' : '-');
        }

        return said.ToString();
    }

    [Fact]
    public void Levels_that_hold_steady_make_a_device_still_once_both_windows_have_filled_and_twenty_steps_have_passed()
    {
        var stillness = new PositionFitStillness(2, Defaults);

        // Twelve steps fill the two windows of six; the twentieth steady step after that makes it still.
        string said = Still(stillness, 40, i => (-60 + (i % 2), -75 - (i % 3)));

        Assert.Equal(new string('-', 11 + 19) + new string('S', 10), said);
    }

    [Fact]
    public void Slow_drift_keeps_a_device_still_and_a_walk_makes_it_moving_within_five_steps()
    {
        var stillness = new PositionFitStillness(2, Defaults);
        Assert.EndsWith("S", Still(stillness, 40, _ => (-60, -75)));

        // 0.3 dB a step (the levels' means six steps apart differ by 1.8 dB): still drift, people moving about.
        Assert.Equal(new string('S', 20), Still(stillness, 20, i => (-60 - (0.3 * i), -75 + (0.3 * i))));

        // A walk: 1.5 dB a step on both. The windows' means part by more than 3.5 dB at its fifth step (2.5 s); until
        // then the device counts as still.
        Assert.Equal("SSSS----", Still(stillness, 8, i => (-66 - (1.5 * i), -69 + (1.5 * i))));
    }

    [Fact]
    public void A_weak_receiver_that_comes_and_goes_leaves_a_device_still_and_a_loud_one_that_enters_does_not()
    {
        var stillness = new PositionFitStillness(2, Defaults);
        Assert.EndsWith("S", Still(stillness, 40, _ => (-60, double.NaN)));

        // 15 dB under the loudest, heard one step in 16: held now and in neither window before, it would count as a change
        // of 7 dB from the floor (-82 dBm).
        Assert.Equal(new string('S', 64), Still(stillness, 64, i => (-60, i % 16 == 0 ? -75 : double.NaN)));

        // The same receiver, counted wherever it enters (the entry rule turned off), keeps the device moving.
        var everyEntry = new PositionFitStillness(2, new PositionFitSettings { StillEntryDb = 100 });
        Assert.DoesNotContain("S", Still(everyEntry, 100, i => (-60, i % 16 == 0 ? -75 : double.NaN)));

        // Loud: 5 dB under the loudest; the step it enters in, the device is moving.
        Assert.Equal('-', Still(stillness, 1, _ => (-60, -65))[0]);
    }

    [Fact]
    public void A_device_never_heard_steady_is_never_still_and_the_rule_off_never_says_still()
    {
        Assert.DoesNotContain("S", Still(new PositionFitStillness(2, Off), 60, _ => (-60, -75)));
        // A level that jumps 5 dB every six steps and back (fading alone would average out over a window: this does not).
        Assert.DoesNotContain("S", Still(new PositionFitStillness(2, Defaults), 100, i => (-60 - (5 * (i / 6 % 2)), -75)));
    }

    [Fact]
    public void The_locator_counts_the_steps_it_fitted_and_those_at_which_it_took_the_device_as_still()
    {
        // What the tools print as the rule's share (zone-eval --still-share, evaluation --posfit-why).
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), Defaults);
        var off = new PositionFitLocator(PositionFitTests.Rooms(), Off);
        PositionFitTests.Stand(locator, 3.0, 2, 0, 30_000);
        PositionFitTests.Stand(off, 3.0, 2, 0, 30_000);

        // A step every 500 ms from the first one after the first reading (59 by 30 s); as alone, still from the 31st.
        Assert.Equal(59, locator.FittedSteps);
        Assert.Equal(59 - 30, locator.StillSteps);
        Assert.Equal(59, off.FittedSteps);
        Assert.Equal(0, off.StillSteps);
    }

    /// <summary>
    /// A device stands at x = 3 in room 1 for 30 s; then, while it still stands there, its levels drift in 20 s to those of
    /// x = 5 in room 2 (people moving about it, a door swinging: the slow shadowing of a still link) and stay there for
    /// 20 s. Returns the zone shown at the end.
    /// </summary>
    private static byte Drift(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 3.0, 2, 0, 30_000);
        long t = 30_000;
        for (double x = 3.0; x < 5.0; x += 0.025, t += 250)
        {
            PositionFitTests.Stand(locator, x, 2, t, 250);
        }

        return PositionFitTests.Stand(locator, 5.0, 2, t, 20_000);
    }

    [Fact]
    public void Levels_that_drift_while_a_device_stands_do_not_move_it_into_the_next_room()
    {
        Assert.Equal(1, Drift(Defaults));
        Assert.Equal(2, Drift(Off)); // every step counted in full: the repeated lean adds up
    }

    /// <summary>
    /// How long after it sets off a device that stood 30 s at x = 2 and then walks at 1.4 m/s, standing at x = 6 in room 2
    /// from 2.9 s on, is first shown in room 2 (it crosses into it at x = 4, after 1.4 s).
    /// </summary>
    private static long Walk(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 2.0, 2, 0, 30_000);
        for (long t = 0; t < 15_000; t += 250)
        {
            if (PositionFitTests.Stand(locator, Math.Min(6.0, 2.0 + (1.4 * t / 1000)), 2, 30_000 + t, 250) == 2)
            {
                return t;
            }
        }

        return long.MaxValue;
    }

    [Fact]
    public void A_device_that_stood_still_and_walks_into_the_next_room_is_shown_there_as_soon_as_with_the_rule_off()
    {
        long rule = Walk(Defaults), off = Walk(Off);

        Assert.True(off < 10_000, $"{off}");
        Assert.True(rule <= off + 500, $"{rule} ms against {off} ms");
    }

    [Fact]
    public void A_loud_receiver_that_starts_hearing_a_still_device_moves_it_no_later_than_with_the_rule_off()
    {
        // Room 1's receiver hears the device at the same level every step for 30 s; then room 3's hears it 20 dB louder.
        string Shown(PositionFitSettings settings)
        {
            var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
            var shown = new System.Text.StringBuilder();
            for (long t = 0; t < 34_000; t += 500)
            {
                locator.Observe(1, 1, -66, t);
                if (t >= 30_000)
                {
                    locator.Observe(3, 3, -46, t + 5);
                }

                shown.Append(locator.Update(t + 250));
            }

            return shown.ToString();
        }

        string rule = Shown(Defaults), off = Shown(Off);
        Assert.Equal(new string('1', 61), rule[..61]);
        Assert.Equal(off[..61], rule[..61]);
        Assert.True(rule.IndexOf('3') <= off.IndexOf('3'), $"{rule} against {off}");
    }

    /// <summary>How long after it steps 0.75 m into room 2 (no receiver there) and stands a device is first shown there; -1: not in 2 minutes.</summary>
    private static long StepInside(PositionFitSettings settings)
    {
        var locator = new PositionFitLocator(PositionFitTests.Rooms(), settings);
        PositionFitTests.Stand(locator, 2.5, 2, 0, 30_000);
        for (long t = 0; t < 120_000; t += 500)
        {
            if (PositionFitTests.Stand(locator, 4.75, 2, 30_000 + t, 500) == 2)
            {
                return t;
            }
        }

        return -1;
    }

    [Fact]
    public void A_device_that_stood_still_and_steps_just_inside_a_room_without_a_receiver_is_shown_there_no_later_than_with_the_rule_off()
    {
        // Its lead is weak (12 s with every step in full), but the step in moves the levels, so its first steps there count in full.
        long off = StepInside(Off);
        Assert.InRange(off, 1, 20_000);
        Assert.InRange(StepInside(Defaults), 1, off);
    }
}
