namespace Beacons.Configuration
{
    /// <summary>
    /// The keys of a device configuration file, the words its values use, and the defaults of the
    /// optional keys. The provisioning tool writes files with these names; the parser reads them.
    /// docs/configuration.md is the reference.
    /// </summary>
    public static class ConfigurationKeys
    {
        /// <summary>Only format 1 exists; a device refuses a file written for a format it does not know.</summary>
        public const int CurrentFormat = 1;

        /// <summary>A configuration bigger than this is not one of ours (and would waste the device's memory).</summary>
        public const int MaxLength = 4096;

        public const string Format = "format";
        public const string Kind = "kind";
        public const string Device = "device";
        public const string Exercise = "exercise";
        public const string Company = "company";
        public const string Key = "key";
        public const string Role = "role";
        public const string Board = "board";
        public const string ButtonPin = "button.pin";
        public const string ButtonPullUp = "button.pullup";
        public const string LedPin = "led.pin";
        public const string LedType = "led.type";
        public const string BatteryAdc = "battery.adc";
        public const string WifiSsid = "wifi.ssid";
        public const string WifiPassword = "wifi.password";
        public const string GatewayAddress = "gateway.address";
        public const string GatewayPort = "gateway.port";
        public const string ReceiverKey = "receiver.key";
        public const string Zone = "zone";
        public const string RssiAt1m = "rssi1m";
        public const string AdvertRefreshMs = "advert.refresh.ms";
        public const string Locate = "locate";
        public const string LocateEveryMs = "locate.every.ms";
        public const string LocateScanMs = "locate.scan.ms";
        public const string ScanFreshMs = "scan.fresh.ms";
        public const string FlushMs = "flush.ms";
        public const string HeartbeatMs = "heartbeat.ms";
        public const string QueueDatagrams = "queue.datagrams";

        public const int DefaultBadgeAdvertRefreshMs = 10000;
        public const int DefaultTagAdvertRefreshMs = 10000;
        public const int DefaultAnchorAdvertRefreshMs = 10000;

        // The gateway accepts copies of a payload for 30 s after it first arrived (docs/protocol.md,
        // section 4), so a device must publish a new one well within that: 20 s leaves room for loss.
        public const int MaxAdvertRefreshMs = 20000;
        public const int DefaultLocateEveryMs = 10000;
        public const int DefaultLocateScanMs = 1500;

        // Each watcher restart tears the whole Bluetooth stack down and up again (docs/receiver.md, "Scan
        // sessions"): 1 s keeps a device's reports about 1.5-2 s apart for under 3,000 restarts an hour
        // (7,200 before), at 1.5 points of simulated room accuracy.
        public const int DefaultScanFreshMs = 1000;
        public const int MinScanFreshMs = 500;
        public const int DefaultFlushMs = 200;
        public const int DefaultHeartbeatMs = 10000;
        public const int DefaultQueueDatagrams = 8;
    }
}
