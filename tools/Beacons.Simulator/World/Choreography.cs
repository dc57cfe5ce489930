using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Simulator.World;

/// <summary>Something in a scenario that cannot be acted out: the subject (a person, casualty or action record), a path inside it, and why.</summary>
public sealed record ChoreographyError(object Subject, string Detail, string Problem);

/// <summary>
/// Everyone's track through the drill, worked out once from the scenario: officers walk their moves through
/// the doors; casualties lie still, walk (walking wounded) or go with whoever carries them. A move starts at
/// its time, or when the previous move (or carry) ends if that is later.
/// </summary>
public sealed class Choreography
{
    /// <summary>How close a carrier must be to the casualty when a carry starts: catches scenario typos.</summary>
    public const double CarryReachMetres = 6;

    private Choreography(Dictionary<int, Track> people, Dictionary<int, Track> casualties)
    {
        People = people;
        Casualties = casualties;
    }

    /// <summary>Officers' tracks by badge number.</summary>
    public IReadOnlyDictionary<int, Track> People { get; }

    /// <summary>Casualties' tracks by tag number.</summary>
    public IReadOnlyDictionary<int, Track> Casualties { get; }

    public static Choreography Build(Plan plan, DrillScenario scenario)
    {
        var errors = new List<ChoreographyError>();
        Choreography result = Run(plan, scenario, errors);
        if (errors.Count > 0)
        {
            ChoreographyError e = errors[0];
            throw new ArgumentException($"scenario \"{scenario.Name}\" cannot be acted out: {e.Problem}");
        }

        return result;
    }

    public static IReadOnlyList<ChoreographyError> Check(Plan plan, DrillScenario scenario)
    {
        var errors = new List<ChoreographyError>();
        Run(plan, scenario, errors);
        return errors;
    }

    private static Choreography Run(Plan plan, DrillScenario scenario, List<ChoreographyError> errors)
    {
        var routes = new Routes(plan, scenario.Doors);
        var people = new Dictionary<int, Track>();
        foreach (ScenarioPerson person in scenario.People)
        {
            var track = new TrackBuilder(new Spot(person.Start.Floor, person.Start.Position, 0), scenario.StartSeconds);
            int zone = person.Start.Zone;
            for (int i = 0; i < person.Moves.Count; i++)
            {
                Move move = person.Moves[i];
                if (move.At < person.ArriveSeconds)
                {
                    errors.Add(new ChoreographyError(person, $".moves[{i}].at", $"badge {person.Badge} moves at {ScenarioFile.Clock(move.At)}, before arriving at {ScenarioFile.Clock(person.ArriveSeconds)}"));
                }

                track.WaitUntil(move.At);
                if (!routes.Walk(track, zone, move.To, move.Speed > 0 ? move.Speed : person.Speed))
                {
                    errors.Add(new ChoreographyError(person, $".moves[{i}].to", $"no doors lead from \"{plan.Zone(zone).Name}\" to \"{plan.Zone(move.To.Zone).Name}\" (see $.doors)"));
                    continue;
                }

                zone = move.To.Zone;
            }

            people[person.Badge] = track.Build();
        }

        var casualties = new Dictionary<int, Track>();
        foreach (ScenarioCasualty casualty in scenario.Casualties)
        {
            var track = new TrackBuilder(new Spot(casualty.Start.Floor, casualty.Start.Position, 0), scenario.StartSeconds);
            int zone = casualty.Start.Zone;

            // Own moves and carries interleave by their times; a carry at the same time as a move goes first.
            var steps = casualty.Moves.Select((m, i) => (At: m.At, Order: 1, Move: (Move?)m, Carry: (CarryAction?)null, Index: i))
                .Concat(scenario.Actions.OfType<CarryAction>().Where(c => c.Tag == casualty.Tag)
                    .Select(c => (At: c.At, Order: 0, Move: (Move?)null, Carry: (CarryAction?)c, Index: 0)))
                .OrderBy(s => s.At).ThenBy(s => s.Order).ToList();
            foreach (var step in steps)
            {
                track.WaitUntil(step.At);
                if (step.Move is Move move)
                {
                    if (!routes.Walk(track, zone, move.To, move.Speed > 0 ? move.Speed : casualty.Speed))
                    {
                        errors.Add(new ChoreographyError(casualty, $".moves[{step.Index}].to", $"no doors lead from \"{plan.Zone(zone).Name}\" to \"{plan.Zone(move.To.Zone).Name}\" (see $.doors)"));
                        continue;
                    }

                    zone = move.To.Zone;
                    continue;
                }

                CarryAction carry = step.Carry!;
                ScenarioPerson? carrier = scenario.People.FirstOrDefault(p => p.Badge == carry.By);
                if (carrier == null || !people.TryGetValue(carry.By, out Track? carrierTrack))
                {
                    continue;
                }

                if (track.Now >= carry.Until)
                {
                    errors.Add(new ChoreographyError(carry, ".until", $"tag {carry.Tag} is still busy (walking or carried) until {ScenarioFile.Clock(track.Now)}, past this carry's end"));
                    continue;
                }

                Spot pickup = carrierTrack.At(track.Now);
                if (carrier.ArriveSeconds > track.Now || pickup.Floor != track.Floor || Plan.Distance(pickup.Point, track.Position) > CarryReachMetres)
                {
                    errors.Add(new ChoreographyError(carry, ".by", $"badge {carry.By} is not beside tag {carry.Tag} at {ScenarioFile.Clock(track.Now)} (the carrier is in \"{ZoneName(plan, pickup)}\", the casualty in \"{plan.Zone(zone).Name}\")"));
                    continue;
                }

                track.Follow(carrierTrack, carry.Until);
                int end = plan.ZoneAt(track.Floor, track.Position, track.Heading);
                if (end == 0)
                {
                    errors.Add(new ChoreographyError(carry, ".until", $"the carry of tag {carry.Tag} ends outside every zone"));
                    continue;
                }

                zone = end;
            }

            casualties[casualty.Tag] = track.Build();
        }

        return new Choreography(people, casualties);
    }

    private static string ZoneName(Plan plan, Spot spot)
    {
        int id = plan.ZoneAt(spot.Floor, spot.Point);
        return id == 0 ? "no zone" : plan.Zone(id).Name;
    }
}
