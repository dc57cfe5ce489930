namespace Beacons.Simulator.Radio;

/// <summary>
/// The radio model's parameters. Path loss, shadowing, fading and loss are fitted to the real readings of
/// the flat walks (`Beacons.Evaluation radio-fit`); the rest are typical published figures for 2.4 GHz
/// indoors and for the ESP32 with NimBLE as nanoFramework drives it; docs/simulator.md says where each comes from. Walls and
/// the loss per floor come from the venue file.
/// </summary>
public sealed record RadioSettings
{
    /// <summary>Log-distance exponent. Walls and floors are counted separately, so this is close to free space (2.0).</summary>
    public double PathLossExponent { get; init; } = 1.3;

    /// <summary>Floor-to-floor height: the vertical part of the distance between floors.</summary>
    public double FloorHeightMetres { get; init; } = 3.5;

    /// <summary>Log-normal shadowing: spread of the slow, position-dependent deviation from the mean.</summary>
    public double ShadowingSigmaDb { get; init; } = 6.0;

    /// <summary>Distance over which shadowing decorrelates (Gudmundson's exponential model).</summary>
    public double ShadowingDecorrelationMetres { get; init; } = 0.5;

    /// <summary>Time over which shadowing of a still link drifts (people moving around it, doors).</summary>
    public double ShadowingDecorrelationSeconds { get; init; } = 60.0;

    /// <summary>Rician K factor (linear) of the fast fading with a clear line of sight.</summary>
    public double RicianKLineOfSight { get; init; } = 30.0;

    /// <summary>Rician K factor behind walls or floors; 0 would be pure Rayleigh.</summary>
    public double RicianKObstructed { get; init; } = 7.5;

    /// <summary>Loss through the wearer's body for a receiver straight behind a badge (half of it side-on).</summary>
    public double BodyLossDb { get; init; } = 6.0;

    /// <summary>Spread of device-to-device transmit power and antenna differences (fixed per device).</summary>
    public double DeviceOffsetSigmaDb { get; init; } = 2.0;

    /// <summary>Spread of receiver-to-receiver sensitivity and mounting differences (fixed per receiver).</summary>
    public double ReceiverOffsetSigmaDb { get; init; } = 2.0;

    /// <summary>RSSI at one metre of a badge or tag (ESP32 default TX power, chip antenna).</summary>
    public int WearableRssiAt1m { get; init; } = -59;

    /// <summary>Below this the receiver does not decode the advert.</summary>
    public double SensitivityDbm { get; init; } = -95;

    /// <summary>An advert overlapping another on the same channel survives only if this much stronger (capture effect).</summary>
    public double CaptureDb { get; init; } = 10;

    /// <summary>
    /// NimBLE's default interval for non-connectable adverts when the application passes none (nanoFramework
    /// does not expose it): BLE_GAP_ADV_FAST_INTERVAL2, 100-150 ms. Each device gets one value in the range.
    /// </summary>
    public double AdvertIntervalMinMs { get; init; } = 100;

    public double AdvertIntervalMaxMs { get; init; } = 150;

    /// <summary>The Bluetooth spec's random advDelay added to every advertising event, 0-10 ms.</summary>
    public double AdvertDelayMaxMs { get; init; } = 10;

    /// <summary>Longest legacy advert on air (31 bytes of data at 1 Mbit/s): 376 us.</summary>
    public int PduAirtimeUs { get; init; } = 376;

    /// <summary>From the start of one channel's PDU to the next channel's (37, 38, 39) within an event.</summary>
    public int ChannelHopUs { get; init; } = 550;

    /// <summary>A scanner listens to one channel at a time and moves on every scan interval (NimBLE default 30 ms, window = interval).</summary>
    public int ScanIntervalUs { get; init; } = 30_000;

    /// <summary>
    /// A receiver's radio is shared with its Wi-Fi (ESP32 coexistence): this share of what it would hear
    /// is lost while Wi-Fi has the antenna.
    /// </summary>
    public double WifiCoexistenceLoss { get; init; } = 0.35;

    /// <summary>How many addresses the controller's duplicate filter remembers per scan session (ESP-IDF default 100).</summary>
    public int DuplicateCacheSize { get; init; } = 100;

    /// <summary>Stopping and starting a receiver's watcher (a Bluetooth stack restart on nanoFramework).</summary>
    public int WatcherRestartMs { get; init; } = 250;

    /// <summary>A device stopping its publisher and starting it with a new payload: no adverts meanwhile.</summary>
    public int PublisherRestartMs { get; init; } = 100;

    /// <summary>A self-locating badge switching between advertiser and scanner (a full stack restart).</summary>
    public int RoleSwitchMs { get; init; } = 1500;
}
