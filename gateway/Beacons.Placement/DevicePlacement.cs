using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// Where the receivers that hear one device place it: the <see cref="ZoneEstimator"/>, then the
/// <see cref="BlindZoneFallback"/> for a zone whose receiver died. One per device, kept by
/// <see cref="ZonePlacement"/>.
/// </summary>
internal sealed class DevicePlacement(ZoneEstimatorSettings settings, ZoneNeighbours neighbours, BlindZones blindZones)
{
    private readonly ZoneEstimator _estimator = new(settings, neighbours);
    private readonly BlindZoneFallback _fallback = new(blindZones, neighbours);

    public void Observe(int receiverId, byte receiverZone, int rssi, long heardAtMs)
    {
        _estimator.Observe(receiverId, receiverZone, rssi, heardAtMs);
        _fallback.Observe(receiverId, rssi, heardAtMs);
    }

    /// <summary>The zone now, <see cref="Beacons.Zones.Zone.None"/> when the receivers can no longer say.</summary>
    public byte Zone(long nowMs) => _fallback.Update(_estimator.Update(nowMs), nowMs);
}
