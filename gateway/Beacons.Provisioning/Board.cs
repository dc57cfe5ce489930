using Beacons.Configuration;

namespace Beacons.Provision;

/// <summary>
/// A supported board, the pins the firmware uses on it (hardware/pins.md is the reference) and the
/// nanoFramework image with Bluetooth that nanoff flashes onto it (hardware/README.md).
/// </summary>
public sealed record Board(string Name, int ButtonPin, bool ButtonPullUp, int LedPin, LedType LedType, string Description, string Firmware)
{
    /// <summary>nanoFramework's Bluetooth image for every ESP32 silicon revision (ESP32_BLE_REV3 needs revision 3).</summary>
    public const string Esp32Firmware = "ESP32_BLE_REV0";

    /// <summary>nanoFramework's ESP32-C3 image (revision 3 and later; it was called ESP32_C3_REV3), built with Bluetooth.</summary>
    public const string Esp32C3Firmware = "ESP32_C3";

    /// <summary>M5Stack ATOM Lite: button on GPIO39 (input-only, pulled up on the board), SK6812 on GPIO27.</summary>
    public static readonly Board AtomLite = new("atom-lite", 39, false, 27, LedType.Rgb, "M5Stack ATOM Lite", Esp32Firmware);

    /// <summary>Espressif ESP32-DevKitC: the BOOT button on GPIO0, no user LED.</summary>
    public static readonly Board DevKitC = new("devkitc", 0, true, -1, LedType.None, "Espressif ESP32-DevKitC", Esp32Firmware);

    /// <summary>The common "ESP32 DevKit V1" clones: BOOT button on GPIO0, blue LED on GPIO2.</summary>
    public static readonly Board DevKitV1 = new("devkit-v1", 0, true, 2, LedType.Mono, "ESP32 DevKit V1 (DOIT and clones)", Esp32Firmware);

    /// <summary>Espressif ESP32-C3-DevKitM-1: the BOOT button on GPIO9, an addressable RGB LED on GPIO8.</summary>
    public static readonly Board C3DevKitM = new("c3-devkitm", 9, true, 8, LedType.Rgb, "Espressif ESP32-C3-DevKitM-1", Esp32C3Firmware);

    public static readonly IReadOnlyList<Board> All = [AtomLite, DevKitC, DevKitV1, C3DevKitM];

    public static Board? Find(string name) => All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The board of every kind of device: the defaults, changed by --board KIND=BOARD choices.</summary>
    public static Dictionary<DeviceKind, Board> Choose(IEnumerable<string> choices)
    {
        var boards = new Dictionary<DeviceKind, Board>();
        foreach (DeviceKind kind in new[] { DeviceKind.Badge, DeviceKind.Tag, DeviceKind.Anchor, DeviceKind.Receiver })
        {
            boards[kind] = DefaultFor(kind);
        }

        foreach (string choice in choices)
        {
            string[] parts = choice.Split('=', 2);
            DeviceKind kind = parts.Length == 2 ? ConfigurationWords.ParseKind(parts[0].Trim().ToLowerInvariant()) : DeviceKind.None;
            if (kind == DeviceKind.None)
            {
                throw new ProvisionException($"--board {choice}: expected KIND=BOARD with KIND one of badge, tag, anchor, receiver");
            }

            boards[kind] = Find(parts[1].Trim())
                ?? throw new ProvisionException($"--board {choice}: unknown board '{parts[1].Trim()}' (known: {string.Join(", ", All.Select(b => b.Name))})");
        }

        return boards;
    }

    /// <summary>The board each kind of device is built on unless --board says otherwise.</summary>
    public static Board DefaultFor(DeviceKind kind) => kind switch
    {
        DeviceKind.Badge or DeviceKind.Tag => AtomLite,
        _ => DevKitC,
    };
}
