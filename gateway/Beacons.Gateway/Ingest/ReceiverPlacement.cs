using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// Where the receivers that hear one device place it: the <see cref="ZoneEstimator"/>, then the
/// <see cref="BlindZoneFallback"/> for a zone whose receiver died. One per device heard by a placed
/// receiver; the only code that turns receivers' hearings into a zone.
/// </summary>
public sealed class ReceiverPlacement(ZoneEstimatorSettings settings, ZoneNeighbours neighbours, BlindZones blindZones)
{
    private readonly ZoneEstimator _estimator = new(settings, neighbours);
    private readonly BlindZoneFallback _fallback = new(blindZones, neighbours);

    public void Observe(GateReceiver receiver, int rssi, long heardAtMs)
    {
        _estimator.Observe(receiver.Id, receiver.Zone, rssi, heardAtMs);
        _fallback.Observe(receiver.Id, rssi, heardAtMs);
    }

    /// <summary>The zone now, <see cref="Beacons.Zones.Zone.None"/> when the receivers can no longer say.</summary>
    public byte Zone(long nowMs) => _fallback.Update(_estimator.Update(nowMs), nowMs);
}
