namespace Beacons.Configuration
{
    /// <summary>
    /// The LED a device shows its fault on when its configuration cannot say which LED it has (no file,
    /// an unreadable one, or a broken led.pin). Nothing on an ESP32 tells one board from another, so this
    /// is each firmware's intended board (hardware/pins.md): ATOM Lite for badges and tags (SK6812 on
    /// GPIO27), ESP32 DevKit V1 for anchors and receivers (blue LED on GPIO2, which an ESP32-DevKitC leaves
    /// unconnected, so that board stays dark), and, when the firmware image is an ESP32-C3 one, the
    /// ESP32-C3-DevKitM-1 (RGB LED on GPIO8): the image name is the one thing the device knows.
    /// </summary>
    public static class BoardLed
    {
        public const int AtomLitePin = 27;
        public const int DevKitV1Pin = 2;
        public const int C3DevKitPin = 8;

        /// <summary>nanoFramework's ESP32-C3 image names start with this (ESP32_C3, formerly ESP32_C3_REV3).</summary>
        public const string C3TargetPrefix = "ESP32_C3";

        public static int Pin(DeviceKind kind, string targetName)
        {
            if (IsC3(targetName))
            {
                return C3DevKitPin;
            }

            return kind == DeviceKind.Badge || kind == DeviceKind.Tag ? AtomLitePin : DevKitV1Pin;
        }

        public static LedType Type(DeviceKind kind, string targetName)
        {
            if (IsC3(targetName))
            {
                return LedType.Rgb;
            }

            return kind == DeviceKind.Badge || kind == DeviceKind.Tag ? LedType.Rgb : LedType.Mono;
        }

        private static bool IsC3(string targetName)
        {
            return targetName != null && targetName.StartsWith(C3TargetPrefix);
        }
    }
}
