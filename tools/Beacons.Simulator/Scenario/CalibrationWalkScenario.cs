using Beacons.Simulator.Radio;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// A calibration walk before a drill (docs/zones.md, "Calibration walk"), as a scenario: one officer with the exercise's
/// first badge starts at the CCP and walks through the drill's doors into every zone of the venue, each zone once in
/// the order of a depth-first tour of the doors. In each it goes round the zone, as a controller would, and stands
/// <see cref="StopSeconds"/> at each of a few points drawn at random inside it (one per <see cref="MetresSquaredPerStop"/>
/// of its outline's box, 2 to 8): a receiver's level at one spot is that spot's shadowing as much as the receiver's gain.
/// Nothing else is on the air. The simulated drill records it with the drill's own radio and seed (the same receivers, the same
/// badge) and learns from it what the gateway learns from a real walk (docs/simulator.md, "Evaluation").
/// </summary>
public static class CalibrationWalkScenario
{
    /// <summary>How long the walker stands at each point: a receiver's offset needs 10 readings from its own zone.</summary>
    public const double StopSeconds = 4;

    public const double MetresSquaredPerStop = 16;

    public static DrillScenario For(Venue.Venue venue, Exercise exercise, DrillScenario drill, ulong seed)
    {
        var plan = new Plan(venue);
        var routes = new Routes(plan, drill.Doors);
        var random = SimRandom.For(seed, 0x7000_0000UL);
        VenueZone start = venue.Ccp;
        var track = new TrackBuilder(new Spot(start.Floor, plan.InteriorPoint(start), 0), 0);
        var moves = new List<Move>();
        int zone = start.Id;
        foreach (int next in Tour(venue, drill.Doors, start.Id))
        {
            VenueZone to = plan.Zone(next);
            double width = to.Outline.Max(p => p.X) - to.Outline.Min(p => p.X), height = to.Outline.Max(p => p.Y) - to.Outline.Min(p => p.Y);
            int stops = Math.Clamp((int)Math.Round(width * height / MetresSquaredPerStop), 2, 8);
            for (int i = 0; i < stops; i++)
            {
                var place = new Place(to.Id, to.Floor, Plan.RandomPoint(to, random));
                double at = track.Now + (moves.Count == 0 ? 0 : StopSeconds);
                track.WaitUntil(at);
                if (!routes.Walk(track, zone, place, DrillScenario.DefaultWalkSpeed))
                {
                    break;
                }

                moves.Add(new Move(at, place, 0));
                zone = next;
            }
        }

        var walker = new ScenarioPerson(exercise.Officers[0].Badge, 0, new Place(start.Id, start.Floor, plan.InteriorPoint(start)),
            DrillScenario.DefaultWalkSpeed, SelfLocate: false, moves);
        return new DrillScenario($"calibration walk of {venue.Name}", 0, track.Now + StopSeconds, drill.Doors, [walker], [], []);
    }

    /// <summary>Every zone the doors reach from <paramref name="start"/>, in the order a depth-first walk through the doors first enters it.</summary>
    private static List<int> Tour(Venue.Venue venue, IReadOnlyList<Door> doors, int start)
    {
        var order = new List<int>();
        var seen = new HashSet<int>();
        void Visit(int zone)
        {
            if (!seen.Add(zone))
            {
                return;
            }

            order.Add(zone);
            foreach (Door d in doors.Where(d => d.ZoneA == zone || d.ZoneB == zone).OrderBy(d => d.ZoneA == zone ? d.ZoneB : d.ZoneA))
            {
                Visit(d.ZoneA == zone ? d.ZoneB : d.ZoneA);
            }
        }

        Visit(start);
        return order.Where(z => venue.FindZone(z) != null).ToList();
    }
}
