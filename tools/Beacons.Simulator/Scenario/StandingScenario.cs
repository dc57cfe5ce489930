using Beacons.Simulator.Radio;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// Every device of a venue and exercise switched on and standing still, as before a drill's T0: each badge in
/// one of the venue's cold zones (in turn, so they spread; the CCP when no zone is cold), each tag untagged at
/// the CCP, the anchors where the venue puts them. No actions, no end: it runs until stopped. What
/// `beacons simulate` plays, so a gateway's readiness board fills without hardware.
/// </summary>
public static class StandingScenario
{
    public static DrillScenario For(Venue.Venue venue, Exercise exercise, ulong seed)
    {
        var random = SimRandom.For(seed, 0x6000_0000UL);
        VenueZone[] cold = venue.Zones.Where(z => z.Status == ZoneStatus.Cold && !z.Stairs).ToArray();
        VenueZone[] badgeZones = cold.Length > 0 ? cold : [venue.Ccp];

        var people = exercise.Officers.Select((officer, i) => new ScenarioPerson(
            officer.Badge, 0, PlaceIn(badgeZones[i % badgeZones.Length], random), DrillScenario.DefaultWalkSpeed, SelfLocate: false, []))
            .ToList();
        var casualties = exercise.Tags.Select(tag => new ScenarioCasualty(tag.Tag, PlaceIn(venue.Ccp, random), DrillScenario.DefaultWalkSpeed, []))
            .ToList();
        return new DrillScenario($"every device of {exercise.Name} standing", 0, double.PositiveInfinity, [], people, casualties, []);
    }

    private static Place PlaceIn(VenueZone zone, SimRandom random) => new(zone.Id, zone.Floor, Plan.RandomPoint(zone, random));
}
