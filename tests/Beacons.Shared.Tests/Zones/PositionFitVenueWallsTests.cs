using Beacons.Placement;
using Beacons.Venue;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit's wall term from the venue file's walls (gateway/Beacons.Placement/PositionFitMap.cs,
/// <see cref="PositionFitMap.WallLosses"/>; docs/zones.md "Position fit"). Three 4 m rooms in a row, 1 | 2 | 3, a
/// receiver in the middle of rooms 1 and 3 and none in room 2; between rooms 1 and 2 a glass partition of 2 dB,
/// between rooms 2 and 3 a concrete wall of 15 dB.
/// </summary>
public class PositionFitVenueWallsTests
{
    private const double Glass = 2, Concrete = 15;

    private static readonly PlanPoint Left = new(2, 2), Right = new(10, 2);

    private static Beacons.Venue.Venue Rooms(bool walls = true) => VenueFile.Parse($$"""
        {"name": "Three rooms", "floors": [{"id": 0, "name": "G", "width": 12, "height": 4}],
         "zones": [{"id": 1, "name": "Room 1", "floor": 0, "outline": [[0, 0], [4, 0], [4, 4], [0, 4]], "status": "cold", "ccp": true},
                   {"id": 2, "name": "Room 2", "floor": 0, "outline": [[4, 0], [8, 0], [8, 4], [4, 4]], "status": "hot"},
                   {"id": 3, "name": "Room 3", "floor": 0, "outline": [[8, 0], [12, 0], [12, 4], [8, 4]], "status": "hot"}],
         "receivers": [{"id": 1, "zone": 1, "floor": 0, "position": [2, 2]}, {"id": 3, "zone": 3, "floor": 0, "position": [10, 2]}],
         "walls": {{(walls ? $"[{{\"floor\": 0, \"from\": [4, 0], \"to\": [4, 4], \"lossDb\": {Glass}}}, {{\"floor\": 0, \"from\": [8, 0], \"to\": [8, 4], \"lossDb\": {Concrete}}}]" : "[]")}}}
        """, "rooms.json");

    private static int PointAt(PositionFitMap map, double x, double y, int floor = 0) =>
        Enumerable.Range(0, map.Points.Count).Single(p => map.Points[p].X == x && map.Points[p].Y == y && map.PointFloors[p] == floor);

    [Fact]
    public void A_point_behind_a_listed_wall_takes_its_loss_two_walls_sum_and_the_open_room_takes_none()
    {
        PositionFitMap map = PositionFitMap.From(Rooms(), 0.25);
        double[,] walls = map.WallLosses(new PositionFitSettings { VenueWalls = 1 });
        int left = 0, right = 1; // receivers in id order

        Assert.Equal(0, walls[PointAt(map, 3.125, 2.125), left]); // in receiver 1's room
        Assert.Equal(Glass, walls[PointAt(map, 5.125, 2.125), left]);
        Assert.Equal(Glass + Concrete, walls[PointAt(map, 9.125, 0.125), left]);
        Assert.Equal(Concrete, walls[PointAt(map, 5.125, 2.125), right]);
        Assert.Equal(0, walls[PointAt(map, 11.875, 3.875), right]);
        Assert.Same(walls, map.WallLosses(new PositionFitSettings { VenueWalls = 1, WallDb = 6 })); // made once; WallDb not read
    }

    [Fact]
    public void Without_listed_walls_or_with_the_setting_off_the_one_wall_rule_stays()
    {
        var oneWall = new PositionFitSettings { VenueWalls = 1, WallDb = 3 };
        PositionFitMap bare = PositionFitMap.From(Rooms(walls: false), 0.25), walled = PositionFitMap.From(Rooms(), 0.25);

        foreach ((PositionFitMap map, PositionFitSettings s) in new[] { (bare, oneWall), (walled, new PositionFitSettings { VenueWalls = 0, WallDb = 3 }) })
        {
            double[,] walls = map.WallLosses(s);
            Assert.Equal(0, walls[PointAt(map, 3.125, 2.125), 0]);
            Assert.Equal(3, walls[PointAt(map, 5.125, 2.125), 0]);
            Assert.Equal(3, walls[PointAt(map, 9.125, 0.125), 0]); // one wall, however many lie between
        }

        Assert.Null(bare.Walls);
        Assert.NotSame(walled.WallLosses(new PositionFitSettings { VenueWalls = 0 }), walled.WallLosses(new PositionFitSettings { VenueWalls = 1 }));
    }

    [Fact]
    public void Across_floors_the_walls_are_counted_on_the_points_floor_to_the_middle_and_on_the_receivers_after_it()
    {
        // Receiver 7 upstairs at (10, 2); the point downstairs at (2.125, 2.125): the path's middle is at x = 6.0625. Counted:
        // the ground floor's wall at x = 4 (6 dB) and the first floor's at x = 8 (10 dB). Not counted: the first floor's
        // at x = 3 (before the middle) and the ground floor's at x = 9 (after it).
        const string Json = """
            {"name": "Two floors", "floors": [{"id": 0, "name": "G", "width": 12, "height": 4}, {"id": 1, "name": "1", "width": 12, "height": 4}],
             "zones": [{"id": 1, "name": "A", "floor": 0, "outline": [[0, 0], [12, 0], [12, 4], [0, 4]], "status": "cold", "ccp": true},
                       {"id": 2, "name": "B", "floor": 1, "outline": [[0, 0], [12, 0], [12, 4], [0, 4]], "status": "hot"}],
             "receivers": [{"id": 7, "zone": 2, "floor": 1, "position": [10, 2]}],
             "walls": [{"floor": 0, "from": [4, 0], "to": [4, 4], "lossDb": 6}, {"floor": 1, "from": [8, 0], "to": [8, 4], "lossDb": 10},
                       {"floor": 1, "from": [3, 0], "to": [3, 4], "lossDb": 20}, {"floor": 0, "from": [9, 0], "to": [9, 4], "lossDb": 30}],
             "floorLossDb": 15}
            """;
        PositionFitMap map = PositionFitMap.From(VenueFile.Parse(Json, "two-floors.json"), 0.25);
        double[,] walls = map.WallLosses(new PositionFitSettings { VenueWalls = 1 });

        Assert.Equal(16, walls[PointAt(map, 2.125, 2.125, floor: 0), 0]);
        Assert.Equal(0, walls[PointAt(map, 9.125, 2.125, floor: 1), 0]); // the first floor's open side of its x = 8 wall
        Assert.Equal(20 + 10, walls[PointAt(map, 2.125, 2.125, floor: 1), 0]); // the same spot upstairs: both first-floor walls
    }

    /// <summary>What a receiver hears of a device at <paramref name="at"/>: -60 dBm at the height offset, the exponent the fit takes with the walls listed, and every wall crossed.</summary>
    private static int Level(PlanPoint receiver, PlanPoint at)
    {
        double d2 = Math.Pow(at.X - receiver.X, 2) + Math.Pow(at.Y - receiver.Y, 2) + 1;
        double walls = (at.X > 4 != receiver.X > 4 ? Glass : 0) + (at.X > 8 != receiver.X > 8 ? Concrete : 0);
        return (int)Math.Round(-60 - (new PositionFitSettings().VenueWallsExponent * 5 * Math.Log10(d2)) - walls);
    }

    private static byte Stand(PositionFitLocator locator, PlanPoint at, long forMs)
    {
        byte zone = 0;
        for (long t = 0; t < forMs; t += 250)
        {
            locator.Observe(1, 1, Level(Left, at), t);
            locator.Observe(3, 3, Level(Right, at), t);
            zone = locator.Update(t);
        }

        return zone;
    }

    [Fact]
    public void The_listed_walls_place_a_device_behind_a_glass_partition_where_one_wall_puts_it_in_the_receivers_room()
    {
        // At x = 5 in room 2, receiver 3 is 15 dB quieter for the concrete and receiver 1 only 2 dB for the glass. One
        // wall of 3 dB for each explains that lead of receiver 1 only by a spot in its own room, near it; the walls
        // listed explain it where the device stands.
        PositionFitMap map = PositionFitMap.From(Rooms(), 0.25);
        var at = new PlanPoint(5, 2);

        Assert.Equal(2, Stand(new PositionFitLocator(map, new PositionFitSettings { VenueWalls = 1 }), at, 30_000));
        Assert.Equal(1, Stand(new PositionFitLocator(map, new PositionFitSettings { VenueWalls = 0 }), at, 30_000));
    }
}
