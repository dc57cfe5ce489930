using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Triage;
using static Beacons.Shared.Tests.Triage.ButtonModel;

namespace Beacons.Shared.Tests.Triage;

/// <summary>The tag's LED as a function of its state and the time: what the medic sees is what the tag holds.</summary>
public class TagLedTests
{
    private const int Hold = TagButtonTimings.HoldMs;
    private static readonly TriageTagSettings Settings = new();

    private static readonly int[] TriageLeds = [Rgb.Green, Rgb.Yellow, Rgb.Red, Rgb.Blue];

    [Fact]
    public void EachTriageColourHasItsOwnLedColourAndBlackIsVisible()
    {
        int[] leds = [TagLed.ColourOf(TriageColour.Green), TagLed.ColourOf(TriageColour.Yellow), TagLed.ColourOf(TriageColour.Red), TagLed.ColourOf(TriageColour.Black)];

        Assert.Equal(4, leds.Distinct().Count());
        Assert.DoesNotContain(Rgb.Off, leds);
        Assert.DoesNotContain(Rgb.White, leds);
        Assert.DoesNotContain(Rgb.Magenta, leds);
        Assert.Equal(Rgb.Blue, TagLed.ColourOf(TriageColour.Black));
    }

    [Fact]
    public void AnUntaggedTagOnlyBlipsWhite()
    {
        var tag = new TriageTag(Settings, 0);
        int lit = 0;
        for (long t = 0; t < 20_000; t++)
        {
            int led = TagLed.Show(tag, false, false, t);
            Assert.True(led == Rgb.White || led == Rgb.Off);
            if (led != Rgb.Off)
            {
                lit++;
            }
        }

        Assert.Equal(10 * TagLed.UntaggedBlipMs, lit);
    }

    [Fact]
    public void ChoosingBlinksTheColourAndEachPressShowsTheNewColourAtOnce()
    {
        var tag = new TriageTag(Settings, 0);
        tag.Handle(Gesture.Press, 1000);
        Assert.Equal(Rgb.Green, TagLed.Show(tag, false, false, 1000));
        Assert.Equal(Rgb.Off, TagLed.Show(tag, false, false, 1000 + TagLed.ChoosingOnMs));
        Assert.Equal(Rgb.Green, TagLed.Show(tag, false, false, 1000 + TagLed.ChoosingPeriodMs));

        // Pressed in the dark half of a blink: the new colour lights at once.
        tag.Handle(Gesture.Press, 1300);
        Assert.Equal(Rgb.Yellow, TagLed.Show(tag, false, false, 1300));
    }

    [Fact]
    public void ACommittedColourIsSteady()
    {
        var tag = new TriageTag(Settings, 0);
        tag.Restore(TriageColour.Red, 1, 0);
        for (long t = 0; t < 30_000; t += 7)
        {
            Assert.Equal(Rgb.Red, TagLed.Show(tag, false, false, t));
        }
    }

    [Fact]
    public void ATapOnALockedTagFlashesWhiteThenTheColourComesBack()
    {
        var tag = new TriageTag(Settings, 0);
        tag.Restore(TriageColour.Green, 1, 0);
        tag.Handle(Gesture.Press, 5000);

        Assert.Equal(Rgb.White, TagLed.Show(tag, false, false, 5000));
        Assert.Equal(Rgb.White, TagLed.Show(tag, false, false, 5000 + TagLed.LockedPressFlashMs - 1));
        Assert.Equal(Rgb.Green, TagLed.Show(tag, false, false, 5000 + TagLed.LockedPressFlashMs));
        Assert.Equal(Rgb.Green, TagLed.Show(tag, false, false, 4999));
    }

    [Fact]
    public void LowBatteryDarkensACommittedTagOneSecondInTen()
    {
        var tag = new TriageTag(Settings, 0);
        tag.Restore(TriageColour.Yellow, 1, 0);
        int dark = 0;
        for (long t = 0; t < 60_000; t++)
        {
            int led = TagLed.Show(tag, true, false, t);
            Assert.True(led == Rgb.Yellow || led == Rgb.Off);
            if (led == Rgb.Off)
            {
                dark++;
            }
        }

        Assert.Equal(6 * TagLed.LowBatteryDarkMs, dark);
    }

    [Fact]
    public void AFaultOverridesEveryStateWithAMagentaStrobe()
    {
        var tag = new TriageTag(Settings, 0);
        tag.Restore(TriageColour.Black, 1, 0);
        for (long t = 0; t < 3000; t++)
        {
            int led = TagLed.Show(tag, true, true, t);
            Assert.True(led == Rgb.Magenta || led == Rgb.Off);
        }

        Assert.Equal(Rgb.Magenta, TagLed.Show(tag, false, true, 0));
        Assert.Equal(Rgb.Off, TagLed.Show(tag, false, true, Fault.OnMs));
    }

    [Fact]
    public void ThroughLongRandomHandlingTheLedAlwaysMatchesTheState()
    {
        // Drives the tag as the device does (button events as they come, a loop that ticks every
        // 20 ms and samples the LED) and checks every sample against the tag's state.
        for (int seed = 0; seed < 25; seed++)
        {
            var rng = new Random(seed);
            bool lowBattery = seed % 3 == 0;
            var tag = new TriageTag(Settings, 0);
            var touches = new List<Touch>();
            long t0 = 500;
            for (int i = 0; i < 600; i++)
            {
                long down = t0 + (i % 7 == 0 ? rng.Next(3000, 14_000) : rng.Next(40, 1500));
                long up = down + (rng.Next(6) == 0 ? Hold + rng.Next(0, 2500) : rng.Next(30, 600));
                touches.Add(new Touch(down, up));
                t0 = up;
            }

            List<Event> events = Events(touches, Hold, TagButtonTimings.DoublePressMs);
            int next = 0;
            var counts = new Dictionary<TagMode, int>();
            for (long now = 0; now <= t0 + 12_000; now += 20)
            {
                while (next < events.Count && events[next].AtMs <= now)
                {
                    tag.Handle(events[next].Gesture, events[next].AtMs);
                    next++;
                }

                tag.Tick(now);
                CheckLed(tag, lowBattery, now, seed);
                counts[tag.Mode] = counts.GetValueOrDefault(tag.Mode) + 1;
            }

            // Every state was really visited, so the checks were not vacuous.
            Assert.True(counts.Keys.Count(k => k != TagMode.Untagged) == 3, "seed " + seed + " visited only " + string.Join(",", counts.Keys));
        }
    }

    private static void CheckLed(TriageTag tag, bool lowBattery, long now, int seed)
    {
        int led = TagLed.Show(tag, lowBattery, false, now);
        int own = TagLed.ColourOf(tag.Shown);
        string where = "seed " + seed + " at " + now + " in " + tag.Mode + " (" + tag.Shown + ", locked press " + tag.LockedPressMs + "): LED " + led.ToString("X6");

        // Never a triage colour other than the one the tag holds (the pending one while choosing).
        if (TriageLeds.Contains(led))
        {
            Assert.True(led == own, where);
        }

        Assert.True(led != Rgb.Magenta, where);
        switch (tag.Mode)
        {
            case TagMode.Choosing:
            case TagMode.Changing:
                Assert.True(led == own || led == Rgb.Off, where);
                bool lit = (now - tag.PatternStartMs) % TagLed.ChoosingPeriodMs < TagLed.ChoosingOnMs;
                Assert.True(lit == (led == own), where);
                break;

            case TagMode.Committed:
                bool flash = now >= tag.LockedPressMs && now < tag.LockedPressMs + TagLed.LockedPressFlashMs;
                bool gap = lowBattery && now % TagLed.LowBatteryPeriodMs < TagLed.LowBatteryDarkMs;
                int expected = flash ? Rgb.White : gap ? Rgb.Off : own;
                Assert.True(led == expected, where);
                break;

            default:
                Assert.True(led == Rgb.White || led == Rgb.Off, where);
                break;
        }
    }
}
