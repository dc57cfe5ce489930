namespace Beacons.Configuration
{
    /// <summary>What a device is, as its configuration file's <c>kind</c> says.</summary>
    public enum DeviceKind : byte
    {
        None = 0,
        Badge = 1,
        Tag = 2,
        Anchor = 3,
        Receiver = 4,
    }

    /// <summary>How the board's status LED is driven.</summary>
    public enum LedType : byte
    {
        /// <summary>The board has no LED the firmware may use.</summary>
        None = 0,

        /// <summary>A plain LED on a GPIO, lit when the pin is high.</summary>
        Mono = 1,

        /// <summary>An addressable RGB LED (SK6812/WS2812) on a GPIO, driven through the ESP32's RMT.</summary>
        Rgb = 2,
    }
}
