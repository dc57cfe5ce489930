using Beacons.Configuration;
using Beacons.Devices;

namespace Beacons.DeviceTests
{
    /// <summary>
    /// The board under test: its pins from the configuration file when one is deployed, otherwise an
    /// M5Stack ATOM Lite (button GPIO39 without internal pull-up, SK6812 on GPIO27).
    /// </summary>
    internal static class TestBoard
    {
        public static readonly DeviceConfiguration Configuration = Load();

        public static int ButtonPin
        {
            get { return Configuration != null && Configuration.ButtonPin >= 0 ? Configuration.ButtonPin : 39; }
        }

        public static bool ButtonPullUp
        {
            get { return Configuration != null && Configuration.ButtonPin >= 0 && Configuration.ButtonPullUp; }
        }

        public static int LedPin
        {
            get { return Configuration != null ? Configuration.LedPin : 27; }
        }

        public static LedType LedType
        {
            get { return Configuration != null ? Configuration.LedType : LedType.Rgb; }
        }

        public static int BatteryAdcChannel
        {
            get { return Configuration != null ? Configuration.BatteryAdcChannel : -1; }
        }

        private static DeviceConfiguration Load()
        {
            ConfigurationResult result = ConfigurationFile.Load(DeviceStorage.ConfigurationPath);
            return result.IsValid ? result.Configuration : null;
        }
    }
}
