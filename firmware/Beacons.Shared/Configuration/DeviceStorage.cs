namespace Beacons.Configuration
{
    /// <summary>
    /// Where a device keeps its files on the ESP32's internal storage (drive I:). The provisioning tool
    /// deploys the configuration file to <see cref="ConfigurationPath"/>; the counter files are the
    /// device's own and survive a new configuration, so frame counters keep rising.
    /// </summary>
    public static class DeviceStorage
    {
        public const string ConfigurationPath = "I:\\beacons.conf";
        public const string CounterPathA = "I:\\counter-a.bin";
        public const string CounterPathB = "I:\\counter-b.bin";
    }
}
