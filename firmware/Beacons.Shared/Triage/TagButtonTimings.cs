namespace Beacons.Triage
{
    /// <summary>The settings the device gives Iot.Device.Button's GpioButton for a tag.</summary>
    public static class TagButtonTimings
    {
        /// <summary>Hold to commit: long enough that a bump or a casualty rolling over does not commit, short enough for a hurried medic.</summary>
        public const int HoldMs = 1500;

        /// <summary>
        /// Only to satisfy the library's constructor (at least three debounce times): the tag turns the
        /// library's double press off and times double taps itself (see <see cref="TriageTag"/>).
        /// </summary>
        public const int DoublePressMs = 700;

        /// <summary>Contact bounce of a small tact switch, with margin.</summary>
        public const int DebounceMs = 50;
    }
}
