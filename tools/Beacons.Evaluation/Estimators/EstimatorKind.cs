using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// An estimator the scoring library does not list (<see cref="Locators.All"/>): the candidate, or ours with
/// other settings. Each device gets one, given the drill's <see cref="BlindZones"/>, which every reading
/// feeds (a receiver heard is alive), as <see cref="Locators.Beacons"/> feeds the live placement's.
/// </summary>
public sealed record EstimatorKind(string Name, Func<BlindZones, IZoneLocator> Create)
{
    public LocatorKind In(ScoringVenue venue) => new(Name, () =>
    {
        var blindZones = new BlindZones(venue.Venue!);
        return Locators.PerDevice(Name, venue, () => new Heard(blindZones, Create(blindZones))).Create();
    });

    private sealed class Heard(BlindZones blindZones, IZoneLocator locator) : IZoneLocator
    {
        public void Observe(int receiver, byte zone, int rssi, long tMs)
        {
            blindZones.Heard(receiver, tMs);
            locator.Observe(receiver, zone, rssi, tMs);
        }

        public byte Update(long tMs) => locator.Update(tMs);
    }
}
