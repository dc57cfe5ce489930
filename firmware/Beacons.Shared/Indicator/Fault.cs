namespace Beacons.Indicator
{
    /// <summary>
    /// The one pattern tags and badges share: "this device is not working, do not rely on it"
    /// (configuration missing or wrong, Bluetooth would not start). A fast magenta strobe, a colour no
    /// other state uses, so nobody mistakes a broken tag for a triage colour.
    /// </summary>
    public static class Fault
    {
        public const int OnMs = 150;
        public const int PeriodMs = 300;

        public static int Show(long nowMs)
        {
            return Blink.Pattern(Rgb.Magenta, nowMs, 0, OnMs, PeriodMs);
        }
    }
}
