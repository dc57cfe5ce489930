namespace Beacons.Badge
{
    /// <summary>The button library's timings for the badge; the device passes them to GpioButton (double press is not used).</summary>
    public static class BadgeButtonTimings
    {
        /// <summary>
        /// Hold to raise or clear an emergency: longer than the tag's commit hold because nobody looks
        /// at a badge while leaning on a door frame, yet short enough to do with one gloved thumb in a crisis.
        /// </summary>
        public const int EmergencyHoldMs = 3000;

        /// <summary>The library insists on a double-press window of at least three debounce times even when double press is off.</summary>
        public const int DoublePressMs = 700;

        public const int DebounceMs = 50;
    }
}
