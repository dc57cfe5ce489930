using Beacons.Placement;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit's shared "not heard" table (gateway/Beacons.Placement/PositionFitNotHeard.cs, docs/gateway.md
/// "The live placement's cost") changes what a step costs, not what it decides: over a long random walk through a
/// venue of many receivers, some of them dying for a while, a locator that sums the "not heard" terms from the table
/// gets each zone's error to within 1e-5 of one that visits every receiver, and shows the same zone at every step.
/// Two floors of 8 x 3 rooms of 5 m, a receiver in each room (48).
/// </summary>
public class NotHeardTableTests
{
    private const double Room = 5, Storey = 3, FloorLoss = 15;
    private const int Columns = 8, Rows = 3, Floors = 2;

    private static readonly int[] Dying = [3, 17, 30, 41]; // dead from 150 s to 450 s

    private static (double X, double Y, int Floor) ReceiverAt(int id)
    {
        int i = id - 1, floor = i / (Columns * Rows), room = i % (Columns * Rows);
        return (((room % Columns) + 0.5) * Room, ((room / Columns) + 0.5) * Room, floor);
    }

    private static byte ZoneAt(double x, double y, int floor) =>
        (byte)(1 + (floor * Columns * Rows) + ((int)(y / Room) * Columns) + (int)(x / Room));

    private static PositionFitMap Map()
    {
        var receivers = Enumerable.Range(1, Columns * Rows * Floors).ToDictionary(id => id, ReceiverAt);
        var points = new List<(double, double, byte)>();
        var floors = new List<int>();
        for (int floor = 0; floor < Floors; floor++)
        {
            for (double x = 0.5; x < Columns * Room; x += 1)
            {
                for (double y = 0.5; y < Rows * Room; y += 1)
                {
                    points.Add((x, y, ZoneAt(x, y, floor)));
                    floors.Add(floor);
                }
            }
        }

        var neighbours = new ZoneNeighbours();
        for (int floor = 0; floor < Floors; floor++)
        {
            for (int row = 0; row < Rows; row++)
            {
                for (int column = 0; column < Columns; column++)
                {
                    byte zone = ZoneAt(column * Room, row * Room, floor);
                    if (column + 1 < Columns)
                    {
                        neighbours.Add(zone, (byte)(zone + 1));
                    }

                    if (row + 1 < Rows)
                    {
                        neighbours.Add(zone, (byte)(zone + Columns));
                    }
                }
            }
        }

        neighbours.Add(ZoneAt(0, 0, 0), ZoneAt(0, 0, 1)); // the stairs
        return new PositionFitMap(receivers.ToDictionary(r => r.Key, r => (r.Value.X, r.Value.Y)), points, neighbours,
            receivers.ToDictionary(r => r.Key, r => r.Value.Floor), floors, Storey, FloorLoss);
    }

    private static bool Dead(int id, long tMs) => Dying.Contains(id) && tMs >= 150_000 && tMs < 450_000;

    [Theory]
    [InlineData("")]
    [InlineData("P0Dbm=-62")]
    public void The_table_gives_every_zone_the_error_of_the_receiver_by_receiver_sum_and_the_same_zone(string settings)
    {
        PositionFitMap map = Map();
        var tabled = new PositionFitLocator(map, PositionFitSettings.Parse(settings), Dead);
        var direct = new PositionFitLocator(map, PositionFitSettings.Parse(settings), Dead) { UseNotHeardTable = false };
        var random = new Random(17);
        double x = 2, y = 2, heading = 0;
        int floor = 0, steps = 0, zoneChanges = 0;
        byte shown = 0;
        double worst = 0;
        for (long t = 0; t < 600_000; t += 250)
        {
            // A walk at 1.4 m/s, turning at random, kept inside the floor; up or down the stairs now and then.
            heading += (random.NextDouble() - 0.5) * 0.8;
            x = Math.Clamp(x + (0.35 * Math.Cos(heading)), 0.1, (Columns * Room) - 0.1);
            y = Math.Clamp(y + (0.35 * Math.Sin(heading)), 0.1, (Rows * Room) - 0.1);
            if (x < 5 && y < 5 && random.NextDouble() < 0.01)
            {
                floor = 1 - floor;
            }

            // The five loudest receivers alive, each hearing the advert six times in ten; 4 dB of noise, walls 5 dB each.
            var loudest = map.Receivers.Keys.Where(id => !Dead(id, t))
                .Select(id => (Id: id, Level: Level(ReceiverAt(id), x, y, floor) + (4 * Gaussian(random))))
                .OrderByDescending(h => h.Level).Take(5);
            foreach (var (id, level) in loudest)
            {
                if (random.NextDouble() < 0.6)
                {
                    tabled.Observe(id, 0, (int)Math.Round(level), t);
                    direct.Observe(id, 0, (int)Math.Round(level), t);
                }
            }

            if (t % 500 != 0)
            {
                continue;
            }

            byte zone = tabled.Update(t);
            Assert.Equal(direct.Update(t), zone);
            zoneChanges += zone != shown ? 1 : 0;
            shown = zone;
            steps++;
            for (int z = 0; z < map.Zones.Length; z++)
            {
                worst = Math.Max(worst, Math.Abs(tabled.ZoneErrors[z] - direct.ZoneErrors[z]));
            }
        }

        Assert.True(worst < 1e-5, $"zone errors differ by up to {worst:g3}");
        Assert.Equal(0, direct.TabledPoints);
        Assert.True(tabled.TabledPoints > steps * map.Points.Count / 2, $"the table served {tabled.TabledPoints} of {steps * map.Points.Count} point-steps");
        Assert.True(zoneChanges > 20, $"the walk crossed {zoneChanges} rooms"); // the walk moves the zones, so equal zones say something
    }

    [Fact]
    public void The_table_is_made_once_per_map_and_settings_and_not_for_a_few_receivers()
    {
        var few = new PositionFitMap(new Dictionary<int, (double, double)> { [1] = (0, 0), [2] = (4, 0) }, [(0, 0, 1), (4, 0, 2)], null);
        PositionFitMap map = Map();

        Assert.Null(few.NotHeard(new PositionFitSettings()));
        Assert.Same(map.NotHeard(new PositionFitSettings()), map.NotHeard(new PositionFitSettings())); // shared by every device's locator
        Assert.NotSame(map.NotHeard(new PositionFitSettings()), map.NotHeard(PositionFitSettings.Parse("WallDb=6")));
    }

    /// <summary>-60 dBm at 1 m, 23 dB a decade, 5 dB a wall between the rooms, 15 dB a floor.</summary>
    private static double Level((double X, double Y, int Floor) receiver, double x, double y, int floor)
    {
        int floors = Math.Abs(receiver.Floor - floor);
        double d2 = Math.Pow(x - receiver.X, 2) + Math.Pow(y - receiver.Y, 2) + Math.Pow(floors * Storey, 2) + 1;
        int walls = Math.Abs((int)(x / Room) - (int)(receiver.X / Room)) + Math.Abs((int)(y / Room) - (int)(receiver.Y / Room));
        return -60 - (11.5 * Math.Log10(d2)) - (walls * 5) - (floors * FloorLoss);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
