using Beacons.Simulator.Drill;
using Beacons.Simulator.Scenario;
using Beacons.Venue;
using Xunit;

namespace Beacons.Simulator.Tests;

/// <summary>The standing scenario `beacons simulate` plays: every device on, still, where a pre-T0 drill has it.</summary>
public class StandingScenarioTests
{
    [Fact]
    public void Badges_spread_over_the_cold_zones_tags_wait_untagged_at_the_ccp_and_nothing_ends_it()
    {
        Venue.Venue venue = Drills.Demo.Venue;
        DrillScenario standing = StandingScenario.For(venue, Drills.Demo.Exercise, seed: 1);
        var (engine, _) = Drills.Run(standing, new SimulationOptions { Speed = 0 }, untilSeconds: 3);

        int[] cold = venue.Zones.Where(z => z.Status == ZoneStatus.Cold && !z.Stairs).Select(z => z.Id).ToArray();
        TruthSample[] last = engine.Truth.Samples.Where(s => s.Seconds == engine.Truth.Samples[^1].Seconds).ToArray();
        Assert.Equal(Drills.Demo.Exercise.Officers.Count + Drills.Demo.Exercise.Tags.Count, last.Length);
        Assert.All(last.Where(s => s.Kind == Protocol.FrameKind.Badge), s => Assert.Contains(s.Zone, cold));
        Assert.Equal(Math.Min(cold.Length, Drills.Demo.Exercise.Officers.Count), last.Where(s => s.Kind == Protocol.FrameKind.Badge).Select(s => s.Zone).Distinct().Count());
        Assert.All(last.Where(s => s.Kind == Protocol.FrameKind.Tag), s => Assert.Equal((venue.Ccp.Id, Triage.TagMode.Untagged), (s.Zone, s.Mode)));
        Assert.Empty(standing.Actions);
        Assert.False(engine.Finished);
    }

    [Fact]
    public void With_no_cold_zone_the_badges_wait_at_the_ccp()
    {
        Venue.Venue venue = Drills.Demo.Venue with { Zones = Drills.Demo.Venue.Zones.Select(z => z with { Status = ZoneStatus.Hot }).ToArray() };

        DrillScenario standing = StandingScenario.For(venue, Drills.Demo.Exercise, seed: 1);

        Assert.All(standing.People, p => Assert.Equal(venue.Ccp.Id, p.Start.Zone));
    }
}
