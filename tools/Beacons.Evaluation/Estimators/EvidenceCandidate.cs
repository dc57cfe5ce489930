using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// Issue 17's candidate, the <see cref="EvidenceEstimator"/> (not live), as the gateway would run it: the
/// venue's neighbouring zones and the <see cref="BlindZoneFallback"/> after it, like <see cref="Ours"/>.
/// </summary>
public sealed class EvidenceCandidate(ZoneNeighbours? neighbours, BlindZones blindZones) : IZoneLocator
{
    private readonly EvidenceEstimator _estimator = new(new EvidenceEstimatorSettings(), neighbours);
    private readonly BlindZoneFallback _fallback = new(blindZones, neighbours);

    public void Observe(int receiverId, byte zone, int rssi, long atMs)
    {
        _estimator.Observe(receiverId, zone, rssi, atMs);
        _fallback.Observe(receiverId, rssi, atMs);
    }

    public byte Update(long nowMs) => _fallback.Update(_estimator.Update(nowMs), nowMs);
}
