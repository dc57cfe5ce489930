using Beacons.Evaluation.Scoring;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Scenario;
using Xunit;

namespace Beacons.Simulator.Tests;

/// <summary>The simulated calibration walk the drill evaluation runs before each seed (docs/simulator.md, "Evaluation").</summary>
public class CalibrationWalkTests
{
    [Fact]
    public void The_walk_enters_every_zone_of_the_demo_school_and_teaches_every_receiver_and_the_position_fit()
    {
        var files = Drills.Demo;
        var venue = ScoringVenue.From(files.Venue);
        var options = new SimulationOptions { Seed = 13 };

        DrillScenario walk = CalibrationWalkScenario.For(files.Venue, files.Exercise, files.Scenario, options.Seed);
        SimulatedWalk learned = SimulatedWalk.Record(files, options, venue, PositionFitMap.ZoneSamples(files.Venue, 3));

        Assert.Single(walk.People);
        Assert.Empty(walk.Casualties);
        Assert.Equal(files.Venue.Zones.Count, learned.ZonesWalked);
        Assert.Equal(files.Venue.Receivers.Count, learned.ReceiversLearned);
        Assert.Contains(learned.PositionFit.Settings.WallDb, PositionFitCalibration.WallDbs);
        Assert.Equal(files.Venue.Receivers.Count, learned.PositionFit.Offsets.Count);
        Assert.InRange(learned.Minutes, 20, 45);
    }
}
