using Beacons.Simulator.Drill;
using Beacons.Simulator.World;
using Beacons.Venue;
using Xunit;

namespace Beacons.Simulator.Tests;

/// <summary>Where walkers go between doors, and which zone the ground truth files them under on the way.</summary>
public class WalkingTests
{
    private static readonly Plan DemoPlan = new(Drills.Demo.Venue);

    private static VenueZone ZoneNamed(string name) => Drills.Demo.Venue.Zones.Single(z => z.Name == name);

    /// <summary>A scenario in which badge 101 walks from Classroom 207 to the teachers' workroom, two doors along the first-floor corridor.</summary>
    private static string RoomToRoom() => $$"""
        { "name": "door to door", "start": "-0:05", "end": "2:00", {{Drills.DemoDoors()}}
          "people": [ { "badge": 101, "start": { "zone": "Classroom 207", "position": [56, 24] },
                        "moves": [ { "at": "0:05", "to": { "zone": "Teachers' workroom", "position": [66, 24] } } ] } ] }
        """;

    [Fact]
    public void A_walk_from_room_to_room_along_the_corridor_is_in_the_corridor_on_the_way()
    {
        var truth = new StringWriter();
        (DrillEngine engine, _) = Drills.Run(Drills.Scenario(RoomToRoom()), new SimulationOptions { Seed = 1, GroundTruth = truth }, untilSeconds: 30);

        // The ground truth, second by second, as the evaluation scores it.
        var zones = new List<int>();
        foreach (TruthSample s in engine.Truth.Samples.Where(s => s.Device == 101 && s.Seconds >= 0))
        {
            if (zones.Count == 0 || zones[^1] != s.Zone)
            {
                zones.Add(s.Zone);
            }
        }

        int room = ZoneNamed("Classroom 207").Id, corridor = ZoneNamed("East corridor, first").Id, workroom = ZoneNamed("Teachers' workroom").Id;
        Assert.Equal([room, corridor, workroom], zones);

        // Ten metres between the doors at 1.4 m/s: several whole seconds in the corridor, not a glimpse.
        int corridorSeconds = engine.Truth.Samples.Count(s => s.Device == 101 && s.Zone == corridor);
        Assert.True(corridorSeconds >= 6, $"only {corridorSeconds} s in the corridor");
    }

    [Fact]
    public void Between_two_doors_the_walker_keeps_off_the_wall_line()
    {
        Track track = Choreography.Build(DemoPlan, Drills.Scenario(RoomToRoom())).People[101];

        // Along the corridor (x between the two doors, 56 and 66) the walker is inside it, 1 m off the wall y = 19.
        var along = Enumerable.Range(0, 400).Select(i => track.At(i * 0.25)).Where(s => s.Point.X > 57 && s.Point.X < 65).ToList();
        Assert.NotEmpty(along);
        Assert.All(along, s => Assert.Equal(19 - Routes.DoorwayInsetMetres, s.Point.Y, 6));
    }

    [Fact]
    public void A_point_on_a_shared_edge_is_in_the_zone_the_walker_is_heading_into()
    {
        var doorway = new PlanPoint(56, 19); // Classroom 207's door on the first-floor east corridor
        int room = ZoneNamed("Classroom 207").Id, corridor = ZoneNamed("East corridor, first").Id;

        Assert.Equal(corridor, DemoPlan.ZoneAt(1, doorway, -Math.PI / 2)); // stepping out, towards y = 15
        Assert.Equal(room, DemoPlan.ZoneAt(1, doorway, Math.PI / 2));      // stepping in

        // The same on the rooms across the corridor, whose wall is the corridor's other edge (y = 15).
        var across = new PlanPoint(57, 15);
        Assert.Equal(corridor, DemoPlan.ZoneAt(1, across, Math.PI / 2));
        Assert.Equal(ZoneNamed("Art room 205").Id, DemoPlan.ZoneAt(1, across, -Math.PI / 2));

        // Inside a zone, or on an edge no other zone shares (either side of the front walk), the heading does not matter.
        int frontWalk = ZoneNamed("Front walk").Id;
        Assert.Equal(corridor, DemoPlan.ZoneAt(1, new PlanPoint(60, 17), Math.PI / 2));
        Assert.Equal(frontWalk, DemoPlan.ZoneAt(0, new PlanPoint(26, 33), Math.PI));
        Assert.Equal(frontWalk, DemoPlan.ZoneAt(0, new PlanPoint(46, 33), 0));
        Assert.Equal(0, DemoPlan.ZoneAt(0, new PlanPoint(47, 33), 0));
    }

    [Fact]
    public void A_doorway_is_approached_and_left_a_step_inside_each_zone()
    {
        VenueZone corridor = ZoneNamed("East corridor, first");
        VenueZone room = ZoneNamed("Classroom 207");
        var doorway = new PlanPoint(56, 19);

        Assert.Equal(new PlanPoint(56, 18), Plan.InsetFrom(corridor, doorway, 1.0));
        Assert.Equal(new PlanPoint(56, 20), Plan.InsetFrom(room, doorway, 1.0));

        // A step longer than the corridor is wide falls back to a shorter one that stays inside.
        PlanPoint inside = Plan.InsetFrom(corridor, doorway, 6.0);
        Assert.True(corridor.Contains(inside) && inside.Y < 19 && inside.Y > 15, $"{inside}");
    }
}
