using Beacons.Zones;

namespace Beacons.Placement.Scoring;

/// <summary>
/// One way of placing the devices of a trace, as the replay drives it: every reading as it comes, followed
/// by <see cref="Zone"/> for its device, as the gateway does on every report; and <see cref="Zone"/> once a
/// second for every device shown in a zone, as the gateway's tick does.
/// </summary>
public interface ITracePlacer
{
    void Observe(int receiver, int device, int rssi, long tMs);

    /// <summary>The device's zone at <paramref name="tMs"/>, 0 when unknown.</summary>
    byte Zone(int device, long tMs);
}

/// <summary>
/// One baseline's view of one device: every reading, with its receiver's zone, and <see cref="Update"/>
/// whenever the replay asks for the device's zone.
/// </summary>
public interface IZoneLocator
{
    void Observe(int receiver, byte zone, int rssi, long tMs);

    /// <summary>The zone at <paramref name="tMs"/>, 0 when unknown.</summary>
    byte Update(long tMs);
}

/// <summary>A locator's name in the table and JSON and how to make a fresh one for a replay.</summary>
public sealed record LocatorKind(string Name, Func<ITracePlacer> Create);

/// <summary>
/// The venue as scoring needs it: the venue itself, each receiver's zone, and the zones. Without a venue file (the
/// UCI floor) <see cref="PositionFitMap"/> is where its receivers stand and its zones lie, for the position fit.
/// </summary>
public sealed record ScoringVenue(Beacons.Venue.Venue? Venue, IReadOnlyDictionary<int, byte> ReceiverZones, IReadOnlySet<byte> Zones,
    PositionFitMap? PositionFitMap = null)
{
    public static ScoringVenue From(Beacons.Venue.Venue venue) => new(
        venue,
        venue.Receivers.ToDictionary(r => r.Id, r => (byte)r.Zone),
        venue.Zones.Select(z => (byte)z.Id).ToHashSet());

    /// <summary>Which zones are next to which, as the placement takes them; null without a venue (every zone next to every other).</summary>
    public ZoneNeighbours? Neighbours { get; } = Venue == null ? null : NeighbouringZones.Table(Venue);
}

/// <summary>Ours and every baseline, in the order the table shows them (docs/zones.md, "Scoring a trace").</summary>
public static class Locators
{
    /// <summary>ours (<c>beacons</c>), then <c>strongest</c>, <c>espresense</c>, <c>bermuda</c> and <c>previous</c>.</summary>
    public static IReadOnlyList<LocatorKind> All(ScoringVenue venue) =>
    [
        Beacons(venue),
        PerDevice("strongest", venue, () => new Strongest()),
        PerDevice("espresense", venue, () => new NearestMedian()),
        PerDevice("bermuda", venue, () => new Challenger()),
        Previous(venue),
    ];

    /// <summary>
    /// What the gateway runs live: <see cref="ZonePlacement"/> (the position fit on the venue's map); each reading
    /// also tells it the receiver is alive. Without a venue file (the UCI floor) the same
    /// <see cref="PositionFitLocator"/>, default settings, on the set's own map, per device.
    /// </summary>
    public static LocatorKind Beacons(ScoringVenue venue) => venue.Venue is { } v
        ? new("beacons", () => new Live(new ZonePlacement(v)))
        : PerDevice("beacons", venue, () => new PositionFitLocator(
            venue.PositionFitMap ?? throw new ArgumentException("a venue without a venue file needs its PositionFitMap to be scored"), new PositionFitSettings()));

    /// <summary>
    /// The former live estimator, kept as a named baseline: the shared <see cref="ZoneEstimator"/> (the one the
    /// badges run) alone, with the venue's neighbours, no fallback. Until issue 17 it was the gateway's live
    /// placement, with the blind-zone fallback after it.
    /// </summary>
    public static LocatorKind Previous(ScoringVenue venue) =>
        PerDevice("previous", venue, () => new Estimator(new ZoneEstimator(new ZoneEstimatorSettings(), venue.Neighbours)));

    /// <summary>A per-device locator for every device of the trace, each reading given its receiver's zone.</summary>
    public static LocatorKind PerDevice(string name, ScoringVenue venue, Func<IZoneLocator> create) =>
        new(name, () => new Devices(venue.ReceiverZones, create));

    private sealed class Live(ZonePlacement placement) : ITracePlacer
    {
        public void Observe(int receiver, int device, int rssi, long tMs)
        {
            placement.ReceiverHeard(receiver, tMs);
            placement.Observe(receiver, device, rssi, tMs);
        }

        public byte Zone(int device, long tMs) => placement.Zone(device, tMs) ?? 0;
    }

    private sealed class Estimator(ZoneEstimator estimator) : IZoneLocator
    {
        public void Observe(int receiver, byte zone, int rssi, long tMs) => estimator.Observe(receiver, zone, rssi, tMs);

        public byte Update(long tMs) => estimator.Update(tMs);
    }

    private sealed class Devices(IReadOnlyDictionary<int, byte> receiverZones, Func<IZoneLocator> create) : ITracePlacer
    {
        private readonly Dictionary<int, IZoneLocator> _devices = new();

        public void Observe(int receiver, int device, int rssi, long tMs)
        {
            if (!_devices.TryGetValue(device, out IZoneLocator? locator))
            {
                locator = create();
                _devices[device] = locator;
            }

            locator.Observe(receiver, receiverZones[receiver], rssi, tMs);
        }

        public byte Zone(int device, long tMs) => _devices.TryGetValue(device, out IZoneLocator? l) ? l.Update(tMs) : (byte)0;
    }
}
