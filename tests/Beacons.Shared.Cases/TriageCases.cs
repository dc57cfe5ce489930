// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Triage;

namespace Beacons.Cases
{
    /// <summary>A medic's run of touches on a new triage tag and where it must leave the tag.</summary>
    public sealed class GestureRun
    {
        public string Name;

        /// <summary>Touches as down, up, down, up, ... in ms. A tap lasts 120 ms; a hold 1,800 (past the 1,500 ms hold time).</summary>
        public long[] Touches;

        public TagMode Mode;
        public TriageColour Pending;
        public TriageColour Committed;
        public int Changes;

        /// <summary>Feeds the button library's events for the touches to a new tag and returns it.</summary>
        public TriageTag Play()
        {
            var tag = new TriageTag(new TriageTagSettings(), 0);
            var gestures = new Gesture[Touches.Length * 2];
            var atMs = new long[Touches.Length * 2];
            int n = ButtonEvents.Raise(Touches, TagButtonTimings.HoldMs, TagButtonTimings.DoublePressMs, true, gestures, atMs);
            for (int i = 0; i < n; i++)
            {
                tag.Handle(gestures[i], atMs[i]);
            }

            return tag;
        }
    }

    /// <summary>The triage gestures (docs/triage.md): taps choose, a hold commits, a double tap unlocks.</summary>
    public static class TriageCases
    {
        public static readonly GestureRun[] Runs =
        {
            new GestureRun
            {
                Name = "six taps cycle green, yellow, red, black and round to yellow",
                Touches = new long[] { 1000, 1120, 2020, 2140, 3040, 3160, 4060, 4180, 5080, 5200, 6100, 6220 },
                Mode = TagMode.Choosing, Pending = TriageColour.Yellow, Committed = TriageColour.Untagged, Changes = 0,
            },
            new GestureRun
            {
                Name = "fast taps while choosing each advance one colour",
                Touches = new long[] { 1000, 1120, 1300, 1420, 1600, 1720 },
                Mode = TagMode.Choosing, Pending = TriageColour.Red, Committed = TriageColour.Untagged, Changes = 0,
            },
            new GestureRun
            {
                Name = "three taps and a hold commit red",
                Touches = new long[] { 1000, 1120, 2000, 2120, 3000, 3120, 4120, 5920 },
                Mode = TagMode.Committed, Pending = TriageColour.Red, Committed = TriageColour.Red, Changes = 1,
            },
            new GestureRun
            {
                Name = "a hold on an untagged tag commits nothing",
                Touches = new long[] { 1000, 2800 },
                Mode = TagMode.Untagged, Pending = TriageColour.Untagged, Committed = TriageColour.Untagged, Changes = 0,
            },
            new GestureRun
            {
                Name = "taps on a committed tag change nothing",
                Touches = new long[] { 1000, 1120, 1520, 1640, 2040, 3840, 4640, 4760, 5597, 5717, 6591, 6711 },
                Mode = TagMode.Committed, Pending = TriageColour.Yellow, Committed = TriageColour.Yellow, Changes = 1,
            },
            new GestureRun
            {
                Name = "a double tap unlocks and a hold commits the new colour",
                Touches = new long[] { 1000, 1120, 1520, 3320, 6320, 6440, 6720, 6840, 7340, 7460, 8340, 8460, 9260, 11060 },
                Mode = TagMode.Committed, Pending = TriageColour.Red, Committed = TriageColour.Red, Changes = 2,
            },
            new GestureRun
            {
                // Releases 701 ms apart: one more than the double-tap window.
                Name = "two taps further apart than the window do not unlock",
                Touches = new long[] { 1000, 1120, 1520, 1640, 2040, 2160, 2560, 4360, 6360, 6480, 7061, 7181 },
                Mode = TagMode.Committed, Pending = TriageColour.Red, Committed = TriageColour.Red, Changes = 1,
            },
            new GestureRun
            {
                // The library pairs the stray bump with the first tap and finds no double press; the tag times taps itself.
                Name = "a stray bump does not spoil the next double tap",
                Touches = new long[] { 1000, 1120, 1520, 1640, 2040, 3840, 8840, 8960, 12840, 12960, 13240, 13360 },
                Mode = TagMode.Changing, Pending = TriageColour.Yellow, Committed = TriageColour.Yellow, Changes = 1,
            },
            new GestureRun
            {
                // The release ending the hold is a Press too; it must not pair with the next tap.
                Name = "a tap right after the committing hold is not a double tap",
                Touches = new long[] { 1000, 1120, 1520, 3320, 3520, 3640 },
                Mode = TagMode.Committed, Pending = TriageColour.Green, Committed = TriageColour.Green, Changes = 1,
            },
        };
    }
}
