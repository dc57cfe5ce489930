using Beacons.Zones;

namespace Beacons.ZoneScoring;

/// <summary>
/// One way of turning receiver readings of one device into a zone, as the replay drives it: every reading
/// as it comes, then <see cref="Update"/>; also <see cref="Update"/> at every 100 ms sample.
/// </summary>
public interface IZoneLocator
{
    void Observe(int receiver, byte zone, int rssi, long tMs);

    /// <summary>The zone at <paramref name="tMs"/>, 0 when unknown.</summary>
    byte Update(long tMs);
}

/// <summary>A locator's name in the table and JSON (beacons, strongest, espresense, bermuda, forward-filter, evidence) and how to make one per device.</summary>
public sealed record LocatorKind(string Name, Func<IZoneLocator> Create);

/// <summary>The venue as scoring needs it: each receiver's zone, the zones, and which zones are neighbours.</summary>
public sealed record ScoringVenue(IReadOnlyDictionary<int, byte> ReceiverZones, IReadOnlySet<byte> Zones, ZoneNeighbours? Neighbours)
{
    public static ScoringVenue From(Beacons.Venue.Venue venue) => new(
        venue.Receivers.ToDictionary(r => r.Id, r => (byte)r.Zone),
        venue.Zones.Select(z => (byte)z.Id).ToHashSet(),
        Beacons.Venue.NeighbouringZones.Table(venue));
}

/// <summary>Ours and every baseline, in the order the table shows them.</summary>
public static class Locators
{
    public static IReadOnlyList<LocatorKind> All(ZoneNeighbours? neighbours, ZoneEstimatorSettings? settings = null) =>
    [
        new("beacons", () => new Ours(new ZoneEstimator(settings ?? new ZoneEstimatorSettings(), neighbours))),
        new("strongest", () => new Strongest()),
        new("espresense", () => new NearestMedian()),
        new("bermuda", () => new Challenger()),
        new("forward-filter", () => new Candidate(new ForwardFilter(new ForwardFilterSettings(), neighbours))),
        new("evidence", () => new Evidence(new EvidenceEstimator(new EvidenceEstimatorSettings(), neighbours))),
    ];

    /// <summary>The evidence estimator, issue 17's second candidate (firmware/Beacons.Shared/Zones), scored beside the live one.</summary>
    public sealed class Evidence(EvidenceEstimator estimator) : IZoneLocator
    {
        public void Observe(int receiver, byte zone, int rssi, long tMs) => estimator.Observe(receiver, zone, rssi, tMs);

        public byte Update(long tMs) => estimator.Update(tMs);
    }

    /// <summary>The shared estimator, exactly as the gateway calls it.</summary>
    public sealed class Ours(ZoneEstimator estimator) : IZoneLocator
    {
        public ZoneEstimator Estimator { get; } = estimator;

        public void Observe(int receiver, byte zone, int rssi, long tMs) => Estimator.Observe(receiver, zone, rssi, tMs);

        public byte Update(long tMs) => Estimator.Update(tMs);
    }

    /// <summary>The candidate estimator of issue 17, scored beside the live one.</summary>
    public sealed class Candidate(ForwardFilter estimator) : IZoneLocator
    {
        public void Observe(int receiver, byte zone, int rssi, long tMs) => estimator.Observe(receiver, zone, rssi, tMs);

        public byte Update(long tMs) => estimator.Update(tMs);
    }
}
