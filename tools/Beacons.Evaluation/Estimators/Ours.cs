using Beacons.Zones;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// The shared <see cref="ZoneEstimator"/> with its default settings, the receivers as its sources and the
/// venue's neighbouring zones: what the gateway runs.
/// </summary>
public sealed class Ours : IRoomEstimator
{
    private readonly ZoneEstimator _estimator;

    public Ours(ZoneNeighbours? neighbours)
        : this(new ZoneEstimatorSettings(), neighbours)
    {
    }

    /// <summary>The same estimator with other settings (or without neighbours), to measure what a change would do.</summary>
    public Ours(ZoneEstimatorSettings settings, ZoneNeighbours? neighbours)
    {
        _estimator = new ZoneEstimator(settings, neighbours);
    }

    public void Observe(int receiverId, byte zone, int rssi, long atMs) => _estimator.Observe(receiverId, zone, rssi, atMs);

    public byte Update(long nowMs) => _estimator.Update(nowMs);
}
