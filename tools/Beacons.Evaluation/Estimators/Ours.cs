using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// What the gateway runs: the shared <see cref="ZoneEstimator"/> with its default settings, the receivers
/// as its sources and the venue's neighbouring zones, and the <see cref="BlindZoneFallback"/> for rooms
/// whose receiver died.
/// </summary>
public sealed class Ours : IZoneLocator
{
    private readonly ZoneEstimator _estimator;
    private readonly BlindZoneFallback? _fallback;

    public Ours(ZoneNeighbours? neighbours, BlindZones blindZones)
        : this(new ZoneEstimatorSettings(), neighbours, blindZones)
    {
    }

    /// <summary>The same estimator with other settings, without neighbours or without the fallback (null), to measure what a change would do.</summary>
    public Ours(ZoneEstimatorSettings settings, ZoneNeighbours? neighbours, BlindZones? blindZones)
    {
        _estimator = new ZoneEstimator(settings, neighbours);
        _fallback = blindZones == null ? null : new BlindZoneFallback(blindZones, neighbours);
    }

    public void Observe(int receiverId, byte zone, int rssi, long atMs)
    {
        _estimator.Observe(receiverId, zone, rssi, atMs);
        _fallback?.Observe(receiverId, rssi, atMs);
    }

    public byte Update(long nowMs)
    {
        byte estimate = _estimator.Update(nowMs);
        return _fallback?.Update(estimate, nowMs) ?? estimate;
    }
}
