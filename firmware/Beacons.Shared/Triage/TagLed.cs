using Beacons.Indicator;
using Beacons.Protocol;

namespace Beacons.Triage
{
    /// <summary>
    /// What the tag's RGB LED shows at a given millisecond. One rule the medic learns:
    /// blinking = not saved, steady = saved. hardware/medic-card.md is the same table in plain words.
    /// <list type="table">
    /// <item>untagged: white blip (0.1 s every 2 s)</item>
    /// <item>choosing (first time or after unlocking): the colour blinks, 0.25 s on / 0.25 s off, restarting on each press</item>
    /// <item>committed: the colour, steady; a press on a locked tag answers with a 0.2 s white flash</item>
    /// <item>low battery (untagged or committed): the LED goes dark for 1 s every 10 s</item>
    /// <item>fault: magenta strobe, overrides everything</item>
    /// </list>
    /// Black triage shows blue: a black light cannot be seen.
    /// </summary>
    public static class TagLed
    {
        public const int UntaggedBlipMs = 100;
        public const int UntaggedPeriodMs = 2000;
        public const int ChoosingOnMs = 250;
        public const int ChoosingPeriodMs = 500;
        public const int LockedPressFlashMs = 200;
        public const int LowBatteryDarkMs = 1000;
        public const int LowBatteryPeriodMs = 10000;

        public static int Show(TriageTag tag, bool lowBattery, bool fault, long nowMs)
        {
            return Show(tag.Mode, tag.Shown, tag.PatternStartMs, tag.LockedPressMs, lowBattery, fault, nowMs);
        }

        public static int Show(TagMode mode, TriageColour shown, long patternStartMs, long lockedPressMs, bool lowBattery, bool fault, long nowMs)
        {
            if (fault)
            {
                return Fault.Show(nowMs);
            }

            switch (mode)
            {
                case TagMode.Choosing:
                case TagMode.Changing:
                    // No low-battery gap here: the medic needs every blink while choosing.
                    return Blink.Pattern(ColourOf(shown), nowMs, patternStartMs, ChoosingOnMs, ChoosingPeriodMs);

                case TagMode.Committed:
                    if (Blink.Within(nowMs, lockedPressMs, LockedPressFlashMs))
                    {
                        return Rgb.White;
                    }

                    if (lowBattery && IsLowBatteryGap(nowMs))
                    {
                        return Rgb.Off;
                    }

                    return ColourOf(shown);

                default:
                    if (lowBattery && IsLowBatteryGap(nowMs))
                    {
                        return Rgb.Off;
                    }

                    return Blink.Pattern(Rgb.White, nowMs, patternStartMs, UntaggedBlipMs, UntaggedPeriodMs);
            }
        }

        /// <summary>The LED colour standing for a triage colour.</summary>
        public static int ColourOf(TriageColour colour)
        {
            switch (colour)
            {
                case TriageColour.Green: return Rgb.Green;
                case TriageColour.Yellow: return Rgb.Yellow;
                case TriageColour.Red: return Rgb.Red;
                case TriageColour.Black: return Rgb.Blue;
                default: return Rgb.White;
            }
        }

        /// <summary>The dark second of every ten that says "low battery"; on the device's own clock, not the pattern's.</summary>
        public static bool IsLowBatteryGap(long nowMs)
        {
            return Blink.IsOn(nowMs, 0, LowBatteryDarkMs, LowBatteryPeriodMs);
        }
    }
}
