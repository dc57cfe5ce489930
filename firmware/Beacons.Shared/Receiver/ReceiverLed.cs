using Beacons.Indicator;

namespace Beacons.Receiver
{
    /// <summary>
    /// What the receiver's LED shows (docs/receiver.md, "LED"). Green only when what is heard really
    /// leaves: scanning, link up, a socket, and the last send went. Anything less is yellow, so a receiver
    /// that relays nothing never looks fine.
    /// </summary>
    public static class ReceiverLed
    {
        public const int WinkMs = 100;
        public const int WinkPeriodMs = 2000;
        public const int NoScanOnMs = 500;
        public const int NoScanPeriodMs = 1000;

        public static int Show(bool scanning, bool connecting, bool relaying, long nowMs)
        {
            if (!scanning)
            {
                return Blink.Pattern(Rgb.Red, nowMs, 0, NoScanOnMs, NoScanPeriodMs);
            }

            if (connecting)
            {
                return Rgb.Yellow;
            }

            return Blink.Pattern(relaying ? Rgb.Green : Rgb.Yellow, nowMs, 0, WinkMs, WinkPeriodMs);
        }
    }
}
