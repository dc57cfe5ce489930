using Beacons.Placement;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit's map across floors and with dead receivers (gateway/Beacons.Placement/PositionFitMap.cs and PositionFit.cs,
/// docs/zones.md "Position fit"). Two floors of the same plan, two 4 m rooms each: 1 | 2 on the ground, 3 | 4
/// straight above them, a receiver in the middle of each room, so every upstairs receiver stands right above
/// a downstairs one.
/// </summary>
public class PositionFitFloorsTests
{
    private const double Storey = 3, FloorLoss = 15;

    private static readonly Dictionary<int, (double X, double Y, int Floor)> Receivers = new()
    {
        [1] = (2, 2, 0), [2] = (6, 2, 0), [3] = (2, 2, 1), [4] = (6, 2, 1),
    };

    private static PositionFitMap TwoFloors()
    {
        var points = new List<(double, double, byte)>();
        var floors = new List<int>();
        for (int floor = 0; floor < 2; floor++)
        {
            for (double x = 0.125; x < 8; x += 0.25)
            {
                for (double y = 0.125; y < 4; y += 0.25)
                {
                    points.Add((x, y, (byte)(1 + (int)(x / 4) + (2 * floor))));
                    floors.Add(floor);
                }
            }
        }

        var neighbours = new ZoneNeighbours();
        neighbours.Add(1, 2);
        neighbours.Add(3, 4);
        neighbours.Add(2, 4); // the stairs
        return new PositionFitMap(Receivers.ToDictionary(r => r.Key, r => (r.Value.X, r.Value.Y)), points, neighbours,
            Receivers.ToDictionary(r => r.Key, r => r.Value.Floor), floors, Storey, FloorLoss);
    }

    /// <summary>What a receiver hears of a device: -60 dBm at 1 m above it, 20 dB a decade, the storeys in the distance and 15 dB a floor.</summary>
    private static int Level((double X, double Y, int Floor) receiver, double x, double y, int floor)
    {
        int floors = Math.Abs(receiver.Floor - floor);
        double d2 = ((x - receiver.X) * (x - receiver.X)) + ((y - receiver.Y) * (y - receiver.Y)) + Math.Pow(floors * Storey, 2) + 1;
        return (int)Math.Round(-60 - (10 * Math.Log10(d2)) - (floors * FloorLoss));
    }

    private static byte Stand(PositionFitLocator locator, double x, double y, int floor, long fromMs, long forMs, params int[] silent)
    {
        byte zone = 0;
        for (long t = fromMs; t < fromMs + forMs; t += 250)
        {
            foreach ((int id, var at) in Receivers)
            {
                if (!silent.Contains(id))
                {
                    locator.Observe(id, (byte)id, Level(at, x, y, floor), t);
                }
            }

            zone = locator.Update(t);
        }

        return zone;
    }

    [Theory]
    [InlineData(2.0, 0, 1)]
    [InlineData(6.0, 0, 2)]
    [InlineData(2.0, 1, 3)]
    [InlineData(6.0, 1, 4)]
    public void A_device_is_placed_on_its_own_floor_though_a_receiver_stands_right_above_or_below(double x, int floor, byte zone)
    {
        // Without floors in the map, the receivers above and below stand on the same spot: every point of a
        // room explains both alike, and the fit cannot tell room 1 from room 3.
        var locator = new PositionFitLocator(TwoFloors(), new PositionFitSettings());

        Assert.Equal(zone, Stand(locator, x, 2, floor, 0, 10_000));
    }

    [Fact]
    public void Across_floors_the_distance_spans_the_storeys_and_the_level_loses_the_floor_loss()
    {
        PositionFitMap map = TwoFloors();
        double[,] terms = map.LogDistances(heightOffset: 1, exponent: 2);
        int point = map.Points.Select((p, i) => (p, i)).First(q => q.p.X == 2.125 && q.p.Y == 2.125 && map.PointFloors[q.i] == 0).i;
        double flat = (0.125 * 0.125 * 2) + 1;

        Assert.Equal(5 * Math.Log10(flat), terms[point, 0], 9); // receiver 1, same floor
        Assert.Equal((5 * Math.Log10(flat + (Storey * Storey))) + (FloorLoss / 2), terms[point, 2], 9); // receiver 3, one floor up
        Assert.Same(terms, map.LogDistances(1, 2)); // made once, shared by every device's locator
    }

    [Fact]
    public void The_wall_term_takes_an_upstairs_receivers_own_room_on_its_own_floor()
    {
        // Receiver 3 stands right above receiver 1: room 1's points lie as near it as room 3's. Taking its room
        // from the nearest point of any floor would wall room 3 off from its own receiver.
        PositionFitMap map = TwoFloors();
        var settings = new PositionFitSettings();
        double[,] walls = map.WallLosses(settings);
        int receiver3 = 2; // receivers in id order

        for (int p = 0; p < map.Points.Count; p++)
        {
            Assert.Equal(map.Points[p].Zone != 3 ? settings.WallDb : 0, walls[p, receiver3]);
        }

        Assert.Same(walls, map.WallLosses(new PositionFitSettings())); // made once, shared by every device's locator
    }

    [Fact]
    public void A_venue_files_floors_and_floor_loss_reach_the_map()
    {
        const string Json = """
            {"name": "Two floors", "floors": [{"id": 0, "name": "G", "width": 8, "height": 4}, {"id": 1, "name": "1", "width": 8, "height": 4}],
             "zones": [{"id": 1, "name": "A", "floor": 0, "outline": [[0, 0], [8, 0], [8, 4], [0, 4]], "status": "cold", "ccp": true},
                       {"id": 2, "name": "B", "floor": 1, "outline": [[0, 0], [8, 0], [8, 4], [0, 4]], "status": "hot"}],
             "receivers": [{"id": 7, "zone": 1, "floor": 0, "position": [2, 2]}, {"id": 8, "zone": 2, "floor": 1, "position": [2, 2]}],
             "floorLossDb": 11}
            """;
        PositionFitMap map = PositionFitMap.From(VenueFile.Parse(Json, "two-floors.json"), 1);

        Assert.Equal(11, map.FloorLossDb);
        Assert.Equal(PositionFitMap.StoreyMetres, map.StoreyHeight);
        Assert.Equal(new[] { 0, 1 }, new[] { map.ReceiverFloors[7], map.ReceiverFloors[8] });
        Assert.Equal(32, map.PointFloors.Count(f => f == 0));
        Assert.All(map.Points.Select((p, i) => (p, i)), q => Assert.Equal(q.p.Zone == 1 ? 0 : 1, map.PointFloors[q.i]));
    }

    [Fact]
    public void A_dead_receiver_that_does_not_hear_the_device_does_not_push_it_out_of_the_receivers_room()
    {
        // Receiver 1 dies at 20 s while the device stands under it in room 1. Without misses (every receiver
        // not hearing counts fully), a live receiver 1 that heard nothing would say "not in room 1".
        var settings = new PositionFitSettings { MissChance = 0 };
        var dead = new PositionFitLocator(TwoFloors(), settings, (id, t) => id == 1 && t >= 20_000);
        var taken = new PositionFitLocator(TwoFloors(), settings);

        Assert.Equal(1, Stand(dead, 2, 2, 0, 0, 20_000));
        Assert.Equal(1, Stand(taken, 2, 2, 0, 0, 20_000));
        Assert.Equal(1, Stand(dead, 2, 2, 0, 20_000, 30_000, silent: 1));
        Assert.NotEqual(1, Stand(taken, 2, 2, 0, 20_000, 30_000, silent: 1));
    }
}
