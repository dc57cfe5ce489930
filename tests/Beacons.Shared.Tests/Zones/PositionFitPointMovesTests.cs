using Beacons.Placement;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit's motion model over points (gateway/Beacons.Placement/PositionFitPointMoves.cs, docs/zones.md
/// "Position fit"): where a device can be one step later.
/// </summary>
public class PositionFitPointMovesTests
{
    /// <summary>Three 4 m rooms in a row on a grid of <paramref name="spacing"/>, 1 | 2 | 3, with a door between 1 and 2 only.</summary>
    private static PositionFitMap Rooms(double spacing)
    {
        var points = new List<(double, double, byte)>();
        for (double x = spacing / 2; x < 12; x += spacing)
        {
            for (double y = spacing / 2; y < 4; y += spacing)
            {
                points.Add((x, y, (byte)(1 + (int)(x / 4))));
            }
        }

        var neighbours = new ZoneNeighbours();
        neighbours.Add(1, 2);
        return new PositionFitMap(new Dictionary<int, (double, double)> { [1] = (2, 2) }, points, neighbours);
    }

    private static double Distance((double X, double Y, byte Zone) a, (double X, double Y, byte Zone) b) =>
        Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    [Fact]
    public void A_step_reaches_a_walks_length_crosses_only_through_a_door_and_each_points_chances_sum_to_one()
    {
        var map = Rooms(0.25);
        var settings = new PositionFitSettings { PointFilter = 1 };
        var moves = PositionFitPointMoves.Of(map, settings);
        double walk = settings.WalkSpeed * settings.StepMs / 1000.0;
        var crossings = new HashSet<(byte, byte)>();
        for (int i = 0; i < map.Points.Count; i++)
        {
            double total = moves.Stay[i];
            for (int k = moves.Start[i]; k < moves.Start[i + 1]; k++)
            {
                var (from, to) = (map.Points[i], map.Points[moves.To[k]]);
                total += moves.Weight[k];
                Assert.True(Distance(from, to) <= walk + 1e-9);
                if (from.Zone != to.Zone)
                {
                    crossings.Add((from.Zone, to.Zone));
                }
            }

            Assert.Equal(1, total, 9);
        }

        // Rooms 2 and 3 share a wall but no door: nothing crosses it.
        Assert.Equal(new HashSet<(byte, byte)> { (1, 2), (2, 1) }, crossings);
        Assert.Equal(1 - settings.PointMove, moves.Stay[0], 9);
    }

    [Fact]
    public void On_a_grid_coarser_than_a_step_a_device_still_reaches_the_next_point_but_less_often()
    {
        // 3 m apart, 0.7 m a step: the next point is a reach away, and a device gets there about once in 3 / 0.7 steps.
        var map = Rooms(3);
        var settings = new PositionFitSettings { PointFilter = 1 };
        var moves = PositionFitPointMoves.Of(map, settings);

        Assert.Equal(3, PositionFitPointMoves.Spacing(map), 9);
        Assert.Equal(1 - (settings.PointMove * 0.7 / 3), moves.Stay[0], 9);
        Assert.Contains(Enumerable.Range(moves.Start[0], moves.Start[1] - moves.Start[0]), k => Distance(map.Points[0], map.Points[moves.To[k]]) > 2.9);
        Assert.Same(moves, PositionFitPointMoves.Of(map, new PositionFitSettings { PointFilter = 1 }));
    }

    [Fact]
    public void Stairs_link_the_floors_where_they_stand_over_each_other_and_nothing_else_does()
    {
        // Two floors of one plan, 1 | 2 below and 3 | 4 above; 2 and 4 are the stairs.
        var points = new List<(double, double, byte)>();
        var floors = new List<int>();
        for (int floor = 0; floor < 2; floor++)
        {
            for (double x = 0.25; x < 8; x += 0.5)
            {
                points.Add((x, 1, (byte)(1 + (int)(x / 4) + (2 * floor))));
                floors.Add(floor);
            }
        }

        var neighbours = new ZoneNeighbours();
        neighbours.Add(1, 2);
        neighbours.Add(3, 4);
        neighbours.Add(2, 4);
        var map = new PositionFitMap(new Dictionary<int, (double, double)> { [1] = (2, 1) }, points, neighbours,
            new Dictionary<int, int> { [1] = 0 }, floors, 3, 15);
        var moves = PositionFitPointMoves.Of(map, new PositionFitSettings { PointFilter = 1 });

        var crossings = new HashSet<(byte, byte)>();
        for (int i = 0; i < points.Count; i++)
        {
            for (int k = moves.Start[i]; k < moves.Start[i + 1]; k++)
            {
                crossings.Add((map.Points[i].Zone, map.Points[moves.To[k]].Zone));
            }
        }

        Assert.Contains(((byte)2, (byte)4), crossings);
        Assert.Contains(((byte)4, (byte)2), crossings);
        Assert.DoesNotContain(((byte)1, (byte)3), crossings);
        Assert.DoesNotContain(((byte)3, (byte)1), crossings);
    }
}
