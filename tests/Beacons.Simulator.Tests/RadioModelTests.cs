using Beacons.Simulator.Drill;
using Beacons.Simulator.Radio;
using Beacons.Simulator.World;
using Beacons.Venue;
using Xunit;

namespace Beacons.Simulator.Tests;

public class RadioModelTests
{
    private static Venue.Venue OpenVenue(double floorLossDb, params Wall[] walls) => new(
        "test",
        [new Floor(0, "Ground", 100, 100, null), new Floor(1, "First", 100, 100, null)],
        [new VenueZone(1, "A", 0, [new(0, 0), new(100, 0), new(100, 100), new(0, 100)], ZoneStatus.Hot, true, false)],
        [],
        [],
        walls,
        floorLossDb);

    [Fact]
    public void Path_loss_rises_with_distance_at_every_step()
    {
        // The exponent is set here, not taken from the (fitted) default, so the figures below pin the formula.
        var propagation = new Propagation(OpenVenue(15), new RadioSettings { PathLossExponent = 2.2 });
        var tx = new Spot(0, new PlanPoint(1, 50), 0);
        double previous = double.MaxValue;
        for (double x = 1.5; x < 100; x += 0.5)
        {
            double rssi = propagation.MeanRssi(-59, tx, new Spot(0, new PlanPoint(x, 50), 0), out _);
            Assert.True(rssi < previous, $"RSSI did not fall between {x - 0.5} m and {x} m");
            previous = rssi;
        }

        // 10 m at exponent 2.2 costs 22 dB beyond the one-metre reference.
        double at10 = propagation.MeanRssi(-59, new Spot(0, new PlanPoint(0, 0), 0), new Spot(0, new PlanPoint(10, 0), 0), out bool los);
        Assert.Equal(-81, at10, 6);
        Assert.True(los);
    }

    [Fact]
    public void Each_wall_crossed_takes_its_loss_and_a_wall_beside_the_path_takes_nothing()
    {
        var venue = OpenVenue(15,
            new Wall(0, new PlanPoint(20, 0), new PlanPoint(20, 60), 8),
            new Wall(0, new PlanPoint(30, 0), new PlanPoint(30, 60), 5),
            new Wall(0, new PlanPoint(0, 70), new PlanPoint(100, 70), 50));
        var propagation = new Propagation(venue, new RadioSettings());
        var open = new Propagation(OpenVenue(15), new RadioSettings());
        var tx = new Spot(0, new PlanPoint(10, 50), 0);
        var rx = new Spot(0, new PlanPoint(40, 50), 0);

        double walled = propagation.MeanRssi(-59, tx, rx, out bool los);
        double clear = open.MeanRssi(-59, tx, rx, out _);

        Assert.Equal(clear - 13, walled, 6);
        Assert.False(los);
    }

    [Fact]
    public void Each_floor_between_takes_the_venue_floor_loss()
    {
        // The exponent is set here, not taken from the (fitted) default, so the figures below pin the formula.
        var propagation = new Propagation(OpenVenue(15), new RadioSettings { PathLossExponent = 2.2 });
        var below = new Spot(0, new PlanPoint(50, 50), 0);
        var above = new Spot(1, new PlanPoint(50, 50), 0);

        double rssi = propagation.MeanRssi(-59, below, above, out bool los);

        // Straight up one floor: 3.5 m of path loss and 15 dB of floor.
        Assert.Equal(-59 - (22 * Math.Log10(3.5)) - 15, rssi, 6);
        Assert.False(los);
    }

    [Fact]
    public void Fast_fading_keeps_the_mean_power_and_spreads_more_without_line_of_sight()
    {
        var random = new SimRandom(3);
        static (double MeanLinear, double SpreadDb) Measure(SimRandom r, double k)
        {
            var db = Enumerable.Range(0, 20000).Select(_ => Fading.SampleDb(r, k)).ToArray();
            double mean = db.Select(d => Math.Pow(10, d / 10)).Average();
            double avg = db.Average();
            return (mean, Math.Sqrt(db.Select(d => (d - avg) * (d - avg)).Average()));
        }

        var los = Measure(random, 4);
        var blocked = Measure(random, 0);

        Assert.InRange(los.MeanLinear, 0.95, 1.05);
        Assert.InRange(blocked.MeanLinear, 0.95, 1.05);
        Assert.True(blocked.SpreadDb > los.SpreadDb + 1, $"Rayleigh spread {blocked.SpreadDb:0.0} dB, Rician {los.SpreadDb:0.0} dB");
    }

    [Fact]
    public void Collisions_take_a_larger_share_of_adverts_as_devices_are_added()
    {
        static double CollisionShare(int extra)
        {
            (DrillEngine engine, _) = Drills.Run(Drills.Demo.Scenario, new SimulationOptions { Seed = 5, ExtraDevices = extra }, untilSeconds: -45);
            long attempts = engine.Receivers.Sum(r => r.Attempts);
            return (double)engine.Receivers.Sum(r => r.Collisions) / attempts;
        }

        double few = CollisionShare(0);
        double some = CollisionShare(100);
        double many = CollisionShare(300);

        Assert.True(few < some && some < many, $"collision shares {few:P1}, {some:P1}, {many:P1}");
        Assert.True(many > 0.15, $"300 added devices collide only {many:P1} of the time");
    }
}
