using Beacons.Placement;
using Beacons.Zones;
using Beacons.ZoneEval;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The position fit (gateway/Beacons.Placement/PositionFit.cs) on a small hand-made venue: three 4 m rooms in a
/// row, 1 | 2 | 3, with a receiver in the middle of rooms 1 and 3 and none in room 2, as the flat's Wardrobe.
/// </summary>
public class PositionFitTests
{
    internal static readonly (double X, double Y) Left = (2, 2), Right = (10, 2);

    internal static PositionFitMap Rooms()
    {
        var points = new List<(double, double, byte)>();
        for (double x = 0.125; x < 12; x += 0.25)
        {
            for (double y = 0.125; y < 4; y += 0.25)
            {
                points.Add((x, y, (byte)(1 + (int)(x / 4))));
            }
        }

        var neighbours = new ZoneNeighbours();
        neighbours.Add(1, 2);
        neighbours.Add(2, 3);
        return new PositionFitMap(new Dictionary<int, (double, double)> { [1] = Left, [3] = Right }, points, neighbours);
    }

    /// <summary>
    /// What a receiver hears of a device at (x, y) by the model's own law with the default settings: -60 dBm at the
    /// height offset, <see cref="PositionFitSettings.Exponent"/> times 10 dB a decade, and <see cref="PositionFitSettings.WallDb"/>
    /// less from outside the receiver's room.
    /// </summary>
    internal static int Level((double X, double Y) receiver, double x, double y, double noise = 0)
    {
        var law = new PositionFitSettings();
        double d2 = ((x - receiver.X) * (x - receiver.X)) + ((y - receiver.Y) * (y - receiver.Y)) + 1;
        bool walled = (int)(x / 4) != (int)(receiver.X / 4);
        return (int)Math.Round(-60 - (law.Exponent * 5 * Math.Log10(d2)) - (walled ? law.WallDb : 0) + noise);
    }

    /// <summary>Both receivers every 250 ms, for a device at (x, y) from <paramref name="fromMs"/> for <paramref name="forMs"/>.</summary>
    internal static byte Stand(PositionFitLocator locator, double x, double y, long fromMs, long forMs, Random? noise = null)
    {
        byte zone = 0;
        for (long t = fromMs; t < fromMs + forMs; t += 250)
        {
            double n1 = noise == null ? 0 : 3 * Gauss(noise), n3 = noise == null ? 0 : 3 * Gauss(noise);
            locator.Observe(1, 1, Level(Left, x, y, n1), t);
            locator.Observe(3, 3, Level(Right, x, y, n3), t);
            zone = locator.Update(t);
        }

        return zone;
    }

    private static double Gauss(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(3.0, 1)]
    [InlineData(6.0, 2)]
    [InlineData(9.0, 3)]
    [InlineData(11.0, 3)]
    public void A_device_standing_still_is_placed_in_the_zone_of_its_position_even_where_no_receiver_is(double x, byte zone)
    {
        // Room 2 has no receiver: only a position puts a device there (a strongest-receiver rule shows 1 or 3).
        var locator = new PositionFitLocator(Rooms(), new PositionFitSettings());

        Assert.Equal(zone, Stand(locator, x, 2, 0, 10_000));
    }

    [Fact]
    public void A_settings_variant_names_the_setting_it_cannot_read()
    {
        // What the tools' --posfit-try reads; a removed or misspelt setting must say so, not be ignored.
        Assert.Equal(0, PositionFitSettings.Parse("StillAfterSteps=0,SigmaDb=8").StillAfterSteps);
        Assert.Equal(8, PositionFitSettings.Parse("StillAfterSteps=0,SigmaDb=8").SigmaDb);

        var removed = Assert.Throws<ArgumentException>(() => PositionFitSettings.Parse("SigmaDb=8,HuberSigmas=1"));
        Assert.Contains("\"HuberSigmas=1\"", removed.Message);
        Assert.Throws<ArgumentException>(() => PositionFitSettings.Parse("SigmaDb=eight"));
    }

    [Fact]
    public void A_walk_through_the_room_without_a_receiver_is_followed_room_by_room()
    {
        var locator = new PositionFitLocator(Rooms(), new PositionFitSettings());
        var shown = new List<byte>();
        long t = 0;
        for (double x = 1; x <= 11; x += 0.25, t += 1000)
        {
            byte zone = Stand(locator, x, 2, t, 1000);
            if (shown.Count == 0 || shown[^1] != zone)
            {
                shown.Add(zone);
            }
        }

        Assert.Equal(new byte[] { 1, 2, 3 }, shown);
    }

    [Theory]
    [InlineData(6.0, 5, 2)] // inside the middle room
    [InlineData(4.0, 7, 0)] // in the doorway between room 1 and the middle room, where either is right
    public void A_noisy_device_standing_still_does_not_change_zones(double x, int seed, int room)
    {
        // 3 dB of scatter on each receiver, ten minutes, fixed seed: the hysteresis holds the room. In the doorway the two
        // rooms are about equally likely, and only the switch ratio keeps the room shown (with a ratio of 1, the most
        // likely room: 32 changes).
        var locator = new PositionFitLocator(Rooms(), new PositionFitSettings());
        var random = new Random(seed);
        int changes = 0;
        byte last = Stand(locator, x, 2, 0, 5000, random);
        for (long t = 5000; t < 600_000; t += 5000)
        {
            byte zone = Stand(locator, x, 2, t, 5000, random);
            changes += zone != last ? 1 : 0;
            last = zone;
        }

        Assert.True(room == 0 || room == last);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_device_that_walks_into_the_room_without_a_receiver_is_shown_there_for_the_wall_it_put_between_it_and_the_receiver()
    {
        // From room 1 to 0.75 m past the door into room 2. Both receivers are now behind a wall: a point in room 1 would
        // hear room 1's receiver a wall's loss louder than it does. Without the wall term the fit finds the two rooms about
        // equally likely at that spot, and the device stays in room 1 for as long as it stands there (a mutation check).
        var locator = new PositionFitLocator(Rooms(), new PositionFitSettings());
        Assert.Equal(1, Stand(locator, 2.5, 2, 0, 10_000));

        Assert.Equal(2, Stand(locator, 4.75, 2, 10_000, 30_000));
    }

    [Fact]
    public void Asked_after_every_reading_or_seldom_it_gives_the_same_zones()
    {
        // The steps are on a fixed half-second grid of the readings' clock, not of the calls.
        var often = new PositionFitLocator(Rooms(), new PositionFitSettings());
        var seldom = new PositionFitLocator(Rooms(), new PositionFitSettings());
        var random = new Random(9);
        for (long t = 0; t < 60_000; t += 250)
        {
            double x = 1 + (t / 6000.0);
            int l = Level(Left, x, 2, 3 * Gauss(random)), r = Level(Right, x, 2, 3 * Gauss(random));
            often.Observe(1, 1, l, t);
            often.Observe(3, 3, r, t);
            seldom.Observe(1, 1, l, t);
            seldom.Observe(3, 3, r, t);
            byte answer = often.Update(t);
            if (t % 1300 == 0)
            {
                Assert.Equal(answer, seldom.Update(t));
            }
        }
    }

    [Fact]
    public void From_unknown_the_loudest_reading_names_the_zone_at_once_and_silence_makes_it_unknown_again()
    {
        var locator = new PositionFitLocator(Rooms(), new PositionFitSettings());
        locator.Observe(1, 1, -80, 100);
        locator.Observe(3, 3, -65, 100);

        Assert.Equal(3, locator.Update(100));
        Assert.Equal(3, Stand(locator, 11, 2, 200, 3000));
        Assert.Equal(0, locator.Update(3200 + new PositionFitSettings().StaleMs + 1));
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.15865525)]
    [InlineData(2.0, 0.97724987)]
    [InlineData(-6.0, 9.8658765e-10)]
    public void The_censored_term_uses_the_normal_distribution(double x, double phi)
    {
        Assert.Equal(Math.Log(phi), PositionFitLocator.LogNormalCdf(x), 5);
    }

    [Fact]
    public void Settings_named_as_the_tools_try_them_change_only_those_fields_and_a_wrong_name_is_refused()
    {
        PositionFitSettings tried = PositionFitSettings.Parse("WallDb=6, SwitchRatio=10,HoldMs=2500");

        Assert.Equal((6.0, 10.0, 2500L), (tried.WallDb, tried.SwitchRatio, tried.HoldMs));
        Assert.Equal(new PositionFitSettings().Exponent, tried.Exponent);
        Assert.Throws<ArgumentException>(() => PositionFitSettings.Parse("Wall=6"));
        Assert.Throws<ArgumentException>(() => PositionFitSettings.Parse("WallDb=six"));
    }
}
