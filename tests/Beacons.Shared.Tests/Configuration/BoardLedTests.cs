using Beacons.Configuration;

namespace Beacons.Shared.Tests.Configuration;

/// <summary>Without a usable configuration a device still shows its fault, on its intended board's LED (hardware/pins.md).</summary>
public class BoardLedTests
{
    [Theory]
    [InlineData(DeviceKind.Badge, "ESP32_BLE_REV0", 27, LedType.Rgb)]
    [InlineData(DeviceKind.Tag, "ESP32_BLE_REV0", 27, LedType.Rgb)]
    [InlineData(DeviceKind.Anchor, "ESP32_BLE_REV3", 2, LedType.Mono)]
    [InlineData(DeviceKind.Receiver, "ESP32_BLE_REV3", 2, LedType.Mono)]
    [InlineData(DeviceKind.Tag, "ESP32_C3", 8, LedType.Rgb)]
    [InlineData(DeviceKind.Receiver, "ESP32_C3_REV3", 8, LedType.Rgb)]
    [InlineData(DeviceKind.Badge, null, 27, LedType.Rgb)]
    public void Each_firmware_falls_back_to_its_boards_led(DeviceKind kind, string? target, int pin, LedType type)
    {
        Assert.Equal(pin, BoardLed.Pin(kind, target!));
        Assert.Equal(type, BoardLed.Type(kind, target!));
    }

    [Fact]
    public void A_missing_file_names_no_led_so_the_fallback_is_needed()
    {
        ConfigurationResult missing = ConfigurationResult.Missing("I:\\beacons.conf");
        Assert.Equal(-1, missing.ErrorLedPin);
    }
}
