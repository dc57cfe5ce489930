using Beacons.Zones;

namespace Beacons.Evaluation.Estimators;

/// <summary>The shared <see cref="ZoneEstimator"/> with its default settings, the receivers as its sources: what the gateway runs.</summary>
public sealed class Ours : IRoomEstimator
{
    private readonly ZoneEstimator _estimator;

    public Ours()
        : this(new ZoneEstimatorSettings())
    {
    }

    /// <summary>The same estimator with other settings, to measure what a change of defaults would do.</summary>
    public Ours(ZoneEstimatorSettings settings)
    {
        _estimator = new ZoneEstimator(settings);
    }

    public void Observe(int receiverId, byte zone, int rssi, long atMs) => _estimator.Observe(receiverId, zone, rssi, atMs);

    public byte Update(long nowMs) => _estimator.Update(nowMs);
}
