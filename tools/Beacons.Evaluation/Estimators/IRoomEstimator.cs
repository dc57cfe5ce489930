namespace Beacons.Evaluation.Estimators;

/// <summary>
/// A way of turning receiver reports of one device into a zone: ours (the shared ZoneEstimator) and the
/// baselines other room-presence systems use, run side by side on the same reports.
/// </summary>
public interface IRoomEstimator
{
    void Observe(int receiverId, byte zone, int rssi, long atMs);

    /// <summary>The zone at <paramref name="nowMs"/>, 0 when unknown. Called every half second.</summary>
    byte Update(long nowMs);
}

/// <summary>
/// One estimator kind: its name in the table and how to make one per device, given the drill's
/// <see cref="Placement.BlindZones"/> (which receivers are heard from; the gateway's estimate uses it, baselines do not).
/// </summary>
public sealed record EstimatorKind(string Name, Func<Placement.BlindZones, IRoomEstimator> Create);
