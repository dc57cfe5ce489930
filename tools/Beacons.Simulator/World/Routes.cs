using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Simulator.World;

/// <summary>
/// Finds the way from one place to another through the scenario's doors (shortest walking distance,
/// stair time counted as distance at walking pace), so a scenario says "go to Classroom 204" and the
/// walker takes the corridor and the stairs instead of passing through walls.
/// </summary>
public sealed class Routes
{
    private readonly IReadOnlyList<Door> _doors;
    private readonly Plan _plan;

    public Routes(Plan plan, IReadOnlyList<Door> doors)
    {
        _plan = plan;
        _doors = doors;
    }

    /// <summary>The doors to pass, in order, each with the zone it is entered from; null when no chain of doors joins the two zones.</summary>
    public IReadOnlyList<(Door Door, int From)>? Find(int fromZone, PlanPoint from, int toZone, PlanPoint to)
    {
        if (fromZone == toZone)
        {
            return Array.Empty<(Door, int)>();
        }

        // Dijkstra over the doors; a door is reached standing in one of its two zones and left into the other.
        int n = _doors.Count;
        var cost = new double[n];
        var previous = new int[n];
        var entered = new int[n]; // the zone the walker ends up in after passing door i
        var done = new bool[n];
        Array.Fill(cost, double.MaxValue);
        Array.Fill(previous, -1);
        for (int i = 0; i < n; i++)
        {
            Door d = _doors[i];
            if (d.ZoneA == fromZone || d.ZoneB == fromZone)
            {
                cost[i] = Plan.Distance(from, d.EndIn(fromZone)) + Cost(d);
                entered[i] = d.ZoneA == fromZone ? d.ZoneB : d.ZoneA;
            }
        }

        int best = -1;
        double bestCost = double.MaxValue;
        while (true)
        {
            int u = -1;
            for (int i = 0; i < n; i++)
            {
                if (!done[i] && cost[i] < double.MaxValue && (u < 0 || cost[i] < cost[u]))
                {
                    u = i;
                }
            }

            if (u < 0)
            {
                break;
            }

            done[u] = true;
            int zone = entered[u];
            PlanPoint exit = _doors[u].EndIn(zone);
            if (zone == toZone)
            {
                double total = cost[u] + Plan.Distance(exit, to);
                if (total < bestCost)
                {
                    bestCost = total;
                    best = u;
                }

                continue;
            }

            for (int v = 0; v < n; v++)
            {
                Door d = _doors[v];
                if (done[v] || (d.ZoneA != zone && d.ZoneB != zone))
                {
                    continue;
                }

                double c = cost[u] + Plan.Distance(exit, d.EndIn(zone)) + Cost(d);
                if (c < cost[v])
                {
                    cost[v] = c;
                    previous[v] = u;
                    entered[v] = d.ZoneA == zone ? d.ZoneB : d.ZoneA;
                }
            }
        }

        if (best < 0)
        {
            return null;
        }

        var path = new List<(Door, int)>();
        for (int i = best; i >= 0; i = previous[i])
        {
            Door d = _doors[i];
            path.Add((d, d.ZoneA == entered[i] ? d.ZoneB : d.ZoneA));
        }

        path.Reverse();
        return path;
    }

    /// <summary>Walks <paramref name="track"/> from where it stands (in <paramref name="fromZone"/>) to <paramref name="to"/>; false when unreachable.</summary>
    public bool Walk(TrackBuilder track, int fromZone, Place to, double speed)
    {
        IReadOnlyList<(Door Door, int From)>? doors = Find(fromZone, track.Position, to.Zone, to.Position);
        if (doors == null)
        {
            return false;
        }

        foreach ((Door door, int from) in doors)
        {
            int into = door.ZoneA == from ? door.ZoneB : door.ZoneA;
            int a = _plan.Zone(door.ZoneA).Floor, b = _plan.Zone(door.ZoneB).Floor;
            if (a != b)
            {
                // Stairs: the door is a point inside both footprints; climb there.
                track.WalkTo(door.EndIn(from), speed);
                track.ChangeFloor(track.Floor == a ? b : a, door.Seconds);
                continue;
            }

            // Doorways lie on the wall line two zones share. Walking from door to door on that line would put
            // the walker on the wall all the way down a corridor; so a door is approached from a step inside
            // the zone being left and left a step inside the zone entered, and the walk between two doors
            // runs through the zone's interior, as people walk.
            track.WalkTo(Plan.InsetFrom(_plan.Zone(from), door.EndIn(from), DoorwayInsetMetres), speed);
            IEnumerable<PlanPoint> way = from == door.ZoneA ? door.Path : door.Path.Reverse();
            foreach (PlanPoint point in way)
            {
                track.WalkTo(point, speed);
            }

            track.WalkTo(Plan.InsetFrom(_plan.Zone(into), door.EndIn(into), DoorwayInsetMetres), speed);
            if (door.Seconds > 0)
            {
                track.WaitUntil(track.Now + door.Seconds);
            }
        }

        track.WalkTo(to.Position, speed);
        return true;
    }

    /// <summary>How far inside a zone a walker steps before and after a doorway (see <see cref="Walk"/>).</summary>
    public const double DoorwayInsetMetres = 1.0;

    private static double Cost(Door d) => d.Length + (d.Seconds * DrillScenario.DefaultWalkSpeed);
}
