namespace Beacons.Triage
{
    /// <summary>Timings of the medic's gestures that the tag itself measures (the hold time is the button library's: <see cref="TagButtonTimings"/>).</summary>
    public sealed class TriageTagSettings
    {
        /// <summary>
        /// Two taps whose releases are at most this far apart unlock a committed tag. Gloved thumbs
        /// manage 0.7 s easily; two separate bumps rarely land that close.
        /// </summary>
        public int DoubleTapMs = 700;

        /// <summary>
        /// How long an unlocked tag waits for the next press or the committing hold before it falls
        /// back to its committed colour. Long enough to look at the casualty between presses, short
        /// enough that a tag knocked unlocked does not stay unlocked on a moving stretcher.
        /// </summary>
        public int ChangeTimeoutMs = 10000;
    }
}
