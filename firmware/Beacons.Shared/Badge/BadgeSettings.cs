using Beacons.Protocol;

namespace Beacons.Badge
{
    /// <summary>
    /// A badge's radio timings. Without self-location the badge only advertises. With it, the badge
    /// alternates: advertise for <see cref="AdvertiseWindowMs"/>, then listen to anchors for
    /// <see cref="ScanWindowMs"/>. Each switch restarts the Bluetooth stack (server to client and back),
    /// which can take seconds, so windows are long and counted from when the radio is actually running
    /// in its new role. docs/badge.md works through the cost.
    /// </summary>
    public sealed class BadgeSettings
    {
        /// <summary>Locate the badge from zone anchors. Off: the frame's zone is always "not self-located".</summary>
        public bool SelfLocation;

        /// <summary>Time on the air between two listening windows (the configuration's locate.every.ms minus locate.scan.ms).</summary>
        public int AdvertiseWindowMs = 8500;

        /// <summary>Time listening to anchors once the scanner runs (locate.scan.ms); several anchor adverts fit in it.</summary>
        public int ScanWindowMs = 1500;

        /// <summary>
        /// The ESP32 scanner reports each address once per scan session; restarting the scan this often
        /// inside a window gets several RSSI samples per anchor instead of one, but each restart takes the
        /// whole Bluetooth stack down and up again (RadioSchedule.ScanRestartDue). The badge app sets it to
        /// the scan window: one session, one sample per anchor per window.
        /// </summary>
        public int ScanRestartMs = 500;

        /// <summary>
        /// A fix older than this is stale and the badge sends "not self-located" rather than a zone it may
        /// have left. About three cycles (switching included), so one or two scans that heard nothing do
        /// not blank the zone.
        /// </summary>
        public int FixMaxAgeMs = 30000;

        /// <summary>New payload at least this often even when nothing changed (see <see cref="RefreshRule"/>).</summary>
        public int RefreshIntervalMs = RefreshRule.DefaultIntervalMs;

        /// <summary>What is wrong with these settings, in one line, or null when they work.</summary>
        public string Problem()
        {
            if (RefreshIntervalMs < 1000)
            {
                return "refresh interval must be at least 1000 ms";
            }

            if (!SelfLocation)
            {
                return null;
            }

            if (AdvertiseWindowMs < 1000)
            {
                return "advertise window must be at least 1000 ms";
            }

            if (ScanWindowMs < 200)
            {
                return "scan window must be at least 200 ms";
            }

            if (ScanRestartMs < 200)
            {
                return "scan restart must be at least 200 ms";
            }

            if (FixMaxAgeMs <= AdvertiseWindowMs + ScanWindowMs)
            {
                return "fix max age must be longer than one advertise window plus one scan window";
            }

            return null;
        }
    }
}
