using Beacons.Placement;
using Beacons.Simulator.Demo;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Placement;

public class NeighbouringZonesTests
{
    [Fact]
    public void Rooms_sharing_a_wall_are_neighbours()
    {
        var venue = Plan(Room(1, 0, 0, 10, 10), Room(2, 10, 0, 20, 10));

        Assert.Equal([(1, 2)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Rooms_touching_only_at_a_corner_are_not()
    {
        var venue = Plan(Room(1, 0, 0, 10, 10), Room(2, 10, 10, 20, 20));

        Assert.Empty(NeighbouringZones.Of(venue));
    }

    [Theory]
    [InlineData(7, true)]     // 3 m of wall in common
    [InlineData(9.4, true)]   // 0.6 m: room for a doorway
    [InlineData(9.6, false)]  // 0.4 m: a corner, not a way through
    public void A_partly_shared_wall_counts_from_half_a_metre(double top, bool neighbours)
    {
        var venue = Plan(Room(1, 0, 0, 10, 10), Room(2, 10, top, 20, top + 10));

        Assert.Equal(neighbours, NeighbouringZones.Of(venue).Contains((1, 2)));
    }

    [Fact]
    public void Any_polygon_can_share_a_wall_even_a_slanted_one()
    {
        var venue = Plan(
            Zone(1, 0, [new(0, 0), new(10, 0), new(0, 10)]),
            Zone(2, 0, [new(10, 0), new(10, 10), new(0, 10)]),
            Zone(3, 0, [new(0, 10), new(10, 10), new(10, 12), new(4, 12), new(4, 20), new(0, 20)])); // an L under both

        Assert.Equal([(1, 2), (2, 3)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Hand_typed_walls_a_few_millimetres_apart_still_meet_but_a_gap_does_not()
    {
        var venue = Plan(Room(1, 0, 0, 10, 10), Room(2, 10.004, 0, 20, 10), Room(3, 0, 10.5, 10, 20));

        Assert.Equal([(1, 2)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void A_wall_drawn_in_short_pieces_counts_as_a_whole()
    {
        // A corridor outline with a corner every 0.3 m along the shared wall.
        PlanPoint[] corridor = [new(0, 10), new(0.3, 10), new(0.6, 10), new(0.9, 10), new(0.9, 14), new(0, 14)];
        var venue = Plan(Room(1, 0, 0, 10, 10), Zone(2, 0, corridor));

        Assert.Equal([(1, 2)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void The_same_outline_on_another_floor_is_not_a_neighbour_unless_both_are_stairs()
    {
        var venue = Plan(
            Room(1, 0, 0, 10, 10, floor: 0),
            Room(2, 0, 0, 10, 10, floor: 1),
            Room(3, 20, 0, 30, 10, floor: 0, stairs: true),
            Room(4, 20, 0, 30, 10, floor: 1, stairs: true),
            Room(5, 20, 0, 30, 10, floor: 2, stairs: false),
            Room(6, 40, 0, 50, 10, floor: 0, stairs: true),
            Room(7, 40, 0, 50, 10, floor: 2, stairs: true));

        Assert.Equal([(3, 4)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Stairwells_drawn_a_little_differently_on_each_floor_still_link_when_they_overlap()
    {
        var venue = Plan(
            Room(1, 0, 0, 6, 10, floor: 0, stairs: true),
            Room(2, 1, 2, 7, 11, floor: 1, stairs: true),      // shifted: corners inside each other
            Room(3, 20, 0, 26, 9, floor: 0, stairs: true),
            Room(4, 20, 0, 26, 10, floor: 1, stairs: true),     // one metre longer: walls in common, no corner inside
            Zone(5, 0, [new(45, 0), new(50, 5), new(45, 10), new(40, 5)], stairs: true),
            Room(6, 40, 0, 50, 10, floor: 1, stairs: true),     // a diamond inscribed in it
            Room(7, 60, 0, 66, 10, floor: 0, stairs: true),
            Room(8, 66.5, 0, 72, 10, floor: 1, stairs: true));  // beside it, not over it

        Assert.Equal([(1, 2), (3, 4), (5, 6)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Stairwells_crossing_like_a_plus_sign_overlap()
    {
        var venue = Plan(Room(1, 0, 4, 12, 6, floor: 0, stairs: true), Room(2, 5, 0, 7, 10, floor: 1, stairs: true));

        Assert.Equal([(1, 2)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Outside_zones_are_all_neighbours_of_one_another_however_far_apart()
    {
        var venue = Plan(
            Room(1, 0, 0, 10, 10, outside: true),
            Room(2, 80, 80, 90, 90, outside: true),
            Room(3, 40, 40, 50, 50),
            Room(4, 0, 80, 10, 90, outside: true));

        Assert.Equal([(1, 2), (1, 4), (2, 4)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void Pairs_come_once_lower_id_first_sorted_whatever_the_zone_order()
    {
        var venue = Plan(Room(9, 20, 0, 30, 10), Room(5, 10, 0, 20, 10), Room(2, 0, 0, 10, 10));

        Assert.Equal([(2, 5), (5, 9)], NeighbouringZones.Of(venue));
    }

    [Fact]
    public void The_demo_venue_links_what_its_plan_shows()
    {
        Beacons.Venue.Venue venue = DemoDrill.Load().Venue;

        IReadOnlyList<(int A, int B)> pairs = NeighbouringZones.Of(venue);

        Assert.Contains((1, 2), pairs);   // Classroom 101 | 102
        Assert.DoesNotContain((4, 9), pairs); // Classroom 104 and the east corridor meet at a corner only
        Assert.Contains((6, 26), pairs);  // east stairs, ground and first
        Assert.Contains((10, 30), pairs); // west stairs
        Assert.DoesNotContain((3, 23), pairs); // classroom over classroom
        Assert.Contains((15, 16), pairs); // front walk and the CCP, across the car park
        Assert.Contains((12, 15), pairs); // entrance lobby out to the front walk
        Assert.Contains((3, 8), pairs);   // Classroom 103 off the central corridor
        Assert.DoesNotContain(pairs, p => venue.FindZone(p.A)!.Floor != venue.FindZone(p.B)!.Floor
            && !(venue.FindZone(p.A)!.Stairs && venue.FindZone(p.B)!.Stairs));
        Assert.All(venue.Zones, z => Assert.Contains(pairs, p => p.A == z.Id || p.B == z.Id)); // no zone cut off
    }

    private static Beacons.Venue.Venue Plan(params VenueZone[] zones) =>
        new("Plan", [new Floor(0, "G", 100, 100, null), new Floor(1, "1", 100, 100, null), new Floor(2, "2", 100, 100, null)],
            zones, [], [], [], Beacons.Venue.Venue.DefaultFloorLossDb);

    private static VenueZone Room(int id, double left, double top, double right, double bottom, int floor = 0, bool stairs = false, bool outside = false) =>
        new(id, $"Zone {id}", floor, [new(left, top), new(right, top), new(right, bottom), new(left, bottom)], ZoneStatus.Hot, false, outside, stairs);

    private static VenueZone Zone(int id, int floor, PlanPoint[] outline, bool stairs = false) =>
        new(id, $"Zone {id}", floor, outline, ZoneStatus.Hot, false, false, stairs);
}
