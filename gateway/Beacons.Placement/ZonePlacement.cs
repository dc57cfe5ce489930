using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// Zone placement in one venue: given the readings of devices by the venue's receivers,
/// <c>(receiver, device, rssi, time)</c>, which zone each device is in. The only code that turns
/// receivers' hearings into a zone: the gateway runs it live on every report, and <c>beacons evaluate</c>
/// replays recorded traces through it. Per device it runs the shared <see cref="ZoneEstimator"/> with the
/// venue's <see cref="NeighbouringZones"/>, then the <see cref="BlindZoneFallback"/>. docs/zones.md.
/// </summary>
public sealed class ZonePlacement
{
    private readonly ZoneEstimatorSettings _settings;
    private readonly Dictionary<int, byte> _receiverZones;
    private readonly Dictionary<int, DevicePlacement> _devices = new();
    private IReadOnlyDictionary<int, double> _offsets = new Dictionary<int, double>();

    public ZonePlacement(Beacons.Venue.Venue venue, ZoneEstimatorSettings settings)
    {
        _settings = settings;
        _receiverZones = venue.Receivers.ToDictionary(r => r.Id, r => (byte)r.Zone);
        Neighbours = NeighbouringZones.Table(venue);
        BlindZones = new BlindZones(venue);
    }

    public ZoneNeighbours Neighbours { get; }

    /// <summary>Which zones no working receiver covers; fed by <see cref="ReceiverHeard"/>.</summary>
    public BlindZones BlindZones { get; }

    /// <summary>Anything authentic from a venue receiver (a report, a heartbeat): it is alive, so its zone is not blind.</summary>
    public void ReceiverHeard(int receiverId, long atMs) => BlindZones.Heard(receiverId, atMs);

    /// <summary>
    /// Per-receiver offsets in dB (a calibration walk's, <see cref="Scoring.ReceiverOffsets"/>), added to every
    /// reading observed from now on; receivers not named get 0.
    /// </summary>
    public void SetReceiverOffsets(IReadOnlyDictionary<int, double> offsets) => _offsets = offsets;

    /// <summary>A reading of <paramref name="device"/> (any key the caller keeps apart) by a receiver; receivers the venue does not place are ignored.</summary>
    public void Observe(int receiverId, int device, int rssi, long heardAtMs)
    {
        if (!_receiverZones.TryGetValue(receiverId, out byte zone))
        {
            return;
        }

        if (!_devices.TryGetValue(device, out DevicePlacement? placement))
        {
            placement = new DevicePlacement(_settings, Neighbours, BlindZones);
            _devices[device] = placement;
        }

        placement.Observe(receiverId, zone, Scoring.ReceiverOffsets.Adjust(rssi, receiverId, _offsets), heardAtMs);
    }

    /// <summary>
    /// The device's zone now: <see cref="Zone.None"/> when the receivers can no longer say, null when no
    /// receiver of the venue has heard it.
    /// </summary>
    public byte? Zone(int device, long nowMs) => _devices.TryGetValue(device, out DevicePlacement? p) ? p.Zone(nowMs) : null;
}
