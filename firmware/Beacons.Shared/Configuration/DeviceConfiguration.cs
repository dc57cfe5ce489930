using Beacons.Protocol;

namespace Beacons.Configuration
{
    /// <summary>
    /// One device's whole configuration, as read from its configuration file. Only
    /// <see cref="ConfigurationParser"/> makes one, and only once every key has been checked, so a
    /// device holding an instance holds a complete, valid configuration: nothing can change it
    /// afterwards. Settings that do not apply to the device's kind keep their neutral values
    /// (-1 pins, null strings and keys, zero).
    /// </summary>
    public sealed class DeviceConfiguration
    {
        internal DeviceConfiguration()
        {
        }

        public DeviceKind Kind { get; internal set; }

        /// <summary>Badge number, tag number, anchor ID or receiver ID (1..65535).</summary>
        public ushort DeviceId { get; internal set; }

        public ushort ExerciseId { get; internal set; }

        /// <summary>The manufacturer-data company ID our frames carry (0xFFFF, the test ID, unless the file says otherwise).</summary>
        public ushort CompanyId { get; internal set; }

        /// <summary>The frame MAC key of badges, tags and anchors; null on a receiver.</summary>
        public MacKey FrameKey { get; internal set; }

        /// <summary>A badge's officer role; <see cref="OfficerRole.Unknown"/> on other kinds.</summary>
        public OfficerRole Role { get; internal set; }

        /// <summary>The board's name as the provisioning tool wrote it (information only), or an empty string.</summary>
        public string Board { get; internal set; }

        /// <summary>The button's GPIO (badges and tags), -1 elsewhere. The button pulls the pin low when pressed.</summary>
        public int ButtonPin { get; internal set; }

        /// <summary>True when the firmware must enable the pin's internal pull-up (false where the board has its own, or the pin has none, like GPIO39).</summary>
        public bool ButtonPullUp { get; internal set; }

        /// <summary>The status LED's GPIO, or -1 when the device has none.</summary>
        public int LedPin { get; internal set; }

        public LedType LedType { get; internal set; }

        /// <summary>The ADC channel that reads the battery, or -1 when the device cannot measure it.</summary>
        public int BatteryAdcChannel { get; internal set; }

        public string WifiSsid { get; internal set; }

        /// <summary>The Wi-Fi password; an empty string for an open network.</summary>
        public string WifiPassword { get; internal set; }

        /// <summary>The gateway laptop's IPv4 address, dotted (receivers).</summary>
        public string GatewayAddress { get; internal set; }

        public int GatewayPort { get; internal set; }

        /// <summary>The key that authenticates this receiver's datagrams; null on other kinds.</summary>
        public MacKey ReceiverKey { get; internal set; }

        /// <summary>An anchor's zone (1..255); <see cref="Beacons.Protocol.Zone.None"/> on other kinds.</summary>
        public byte Zone { get; internal set; }

        /// <summary>An anchor's calibrated RSSI at one metre, dBm.</summary>
        public sbyte RssiAt1m { get; internal set; }

        /// <summary>How often a badge, tag or anchor rebuilds its payload (new counter) and restarts its publisher.</summary>
        public int AdvertRefreshMs { get; internal set; }

        /// <summary>True when a badge locates itself from anchors (alternating scan and advertise windows).</summary>
        public bool Locate { get; internal set; }

        public int LocateEveryMs { get; internal set; }

        public int LocateScanMs { get; internal set; }

        /// <summary>
        /// A receiver's freshness target: the watcher reports each address once per scan session, so the
        /// receiver starts a new session when the first device reported in the current one has gone this
        /// long without a new report (Beacons.Receiver.ScanCycle).
        /// </summary>
        public int ScanFreshMs { get; internal set; }

        /// <summary>The oldest a heard report may wait in a receiver before its datagram is sent.</summary>
        public int FlushMs { get; internal set; }

        public int HeartbeatMs { get; internal set; }

        /// <summary>How many finished datagrams a receiver keeps while Wi-Fi is down before it drops the oldest.</summary>
        public int QueueDatagrams { get; internal set; }
    }
}
