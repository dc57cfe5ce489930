using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// Zone placement in one venue: given the readings of devices by the venue's receivers,
/// <c>(receiver, device, rssi, time)</c>, which zone each device is in. The only code that turns
/// receivers' hearings into a zone: the gateway runs it live on every report, and <c>beacons evaluate</c>
/// replays recorded traces through it. Per device it runs the position fit (<see cref="PositionFitLocator"/>,
/// default settings) on one <see cref="PositionFitMap"/> of the venue shared by every device; the venue's
/// <see cref="BlindZones"/> tell it which receivers are dead. docs/zones.md.
/// </summary>
public sealed class ZonePlacement
{
    /// <summary>
    /// The most points x receivers a map may have. A step visits each receiver at each point on a venue of few receivers
    /// (about 11.5 ns each: at most about 230 µs a device-step); on a venue of many, only those that hear the device,
    /// the rest summed from the map's table (docs/gateway.md, "Speed and memory"). The demo school's zones sampled
    /// every 3 m (493 points, 33 receivers) stay within it.
    /// </summary>
    public const int PointReceiverBudget = 20_000;

    /// <summary>The zones' sample spacings tried, in metres, finest first: the finest within <see cref="PointReceiverBudget"/> is taken.</summary>
    private static readonly double[] Spacings = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16];

    private readonly Dictionary<int, byte> _receiverZones;
    private readonly Dictionary<int, DevicePlacement> _devices = new();
    private readonly PositionFitSettings _settings = new();
    private IReadOnlyDictionary<int, double> _offsets = new Dictionary<int, double>();

    public ZonePlacement(Beacons.Venue.Venue venue)
    {
        _receiverZones = venue.Receivers.ToDictionary(r => r.Id, r => (byte)r.Zone);
        Map = MapOf(venue);
        Map.NotHeard(_settings); // made now, so that the first device's step does not wait for it
        BlindZones = new BlindZones(venue);
    }

    /// <summary>
    /// The venue's map for the position fit: each zone sampled at the finest of <see cref="Spacings"/> whose points
    /// times receivers stay within <see cref="PointReceiverBudget"/> (the coarsest when none does). A flat of 2 m
    /// rooms needs a fine map (docs/zones.md, "Which part runs where"); a school's floors cannot afford one.
    /// </summary>
    public static PositionFitMap MapOf(Beacons.Venue.Venue venue)
    {
        PositionFitMap map = null!;
        foreach (double spacing in Spacings)
        {
            map = PositionFitMap.ZoneSamples(venue, spacing);
            if (map.Points.Count * Math.Max(1, map.Receivers.Count) <= PointReceiverBudget)
            {
                break;
            }
        }

        return map;
    }

    /// <summary>The venue as the position fit sees it: its receivers, its zones' sample points and neighbours.</summary>
    public PositionFitMap Map { get; }

    /// <summary>Which receivers are taken for dead; fed by <see cref="ReceiverHeard"/>.</summary>
    public BlindZones BlindZones { get; }

    /// <summary>Anything authentic from a venue receiver (a report, a heartbeat): it is alive, so its silence about a device counts.</summary>
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
            placement = new DevicePlacement(Map, _settings, BlindZones);
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
