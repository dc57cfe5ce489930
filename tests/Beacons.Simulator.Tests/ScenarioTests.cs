using Beacons.Protocol;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Scenario;
using Beacons.Simulator.World;
using Beacons.Venue;
using Xunit;

namespace Beacons.Simulator.Tests;

public class ScenarioTests
{
    [Fact]
    public void The_demo_files_load_and_hold_the_drill_the_demo_promises()
    {
        DrillFiles demo = DemoDrill.Load();

        Assert.Equal(2, demo.Venue.Floors.Count);
        Assert.Equal(15, demo.Scenario.People.Count);
        Assert.Equal(15, demo.Scenario.Casualties.Count);
        Assert.Equal(4, demo.Scenario.People.Count(p => demo.Exercise.FindOfficer(p.Badge)!.Role == OfficerRole.Contact));
        Assert.Contains(demo.Venue.Zones, z => z.Ccp && z.Outside);

        // Every zone of the building has a receiver of its own.
        Assert.All(demo.Venue.Zones, z => Assert.Contains(demo.Venue.Receivers, r => r.Zone == z.Id));

        // The colour mix of the triage: 3 red, 4 yellow, 6 green, 2 black, every casualty triaged once.
        var triage = demo.Scenario.Actions.OfType<TriageAction>().ToList();
        Assert.Equal(15, triage.Select(t => t.Tag).Distinct().Count());
        Assert.Equal(3, triage.Count(t => t.Colour == TriageColour.Red));
        Assert.Equal(4, triage.Count(t => t.Colour == TriageColour.Yellow));
        Assert.Equal(6, triage.Count(t => t.Colour == TriageColour.Green));
        Assert.Equal(2, triage.Count(t => t.Colour == TriageColour.Black));

        // One emergency, one receiver failure, T0 at 0, the threat neutralized, zones turning warm.
        Assert.Single(demo.Scenario.Actions.OfType<EmergencyAction>(), e => e.Raise);
        Assert.Single(demo.Scenario.Actions.OfType<ReceiverAction>(), r => r.Fails);
        Assert.Equal(0, demo.Scenario.Actions.OfType<StartClockAction>().Single().At);
        Assert.Contains(demo.Scenario.Actions.OfType<AnnotationAction>(), a => a.Type == "threat-neutralized");
        Assert.True(demo.Scenario.Actions.OfType<ZoneStatusAction>().Count(z => z.Status == ZoneStatus.Warm) >= 20);
    }

    [Fact]
    public void In_the_demo_reds_reach_the_ccp_before_any_yellow_and_the_dead_stay_where_they_fell()
    {
        DrillFiles demo = DemoDrill.Load();
        var plan = new Plan(demo.Venue);
        Choreography choreography = Choreography.Build(plan, demo.Scenario);
        var colours = demo.Scenario.Actions.OfType<TriageAction>().ToDictionary(t => t.Tag, t => t.Colour);
        int ccp = demo.Venue.Ccp.Id;

        double ArrivesAtCcp(int tag)
        {
            for (double t = 0; t <= demo.Scenario.EndSeconds; t += 1)
            {
                Spot s = choreography.Casualties[tag].At(t);
                if (plan.ZoneAt(s.Floor, s.Point) == ccp)
                {
                    return t;
                }
            }

            return double.PositiveInfinity;
        }

        double lastRed = colours.Where(c => c.Value == TriageColour.Red).Max(c => ArrivesAtCcp(c.Key));
        double firstYellow = colours.Where(c => c.Value == TriageColour.Yellow).Min(c => ArrivesAtCcp(c.Key));
        Assert.True(lastRed < double.PositiveInfinity);
        Assert.True(lastRed < firstYellow + 600, "reds first: every red reaches the CCP soon after the first yellow at the latest");
        Assert.All(colours.Where(c => c.Value != TriageColour.Black), c => Assert.True(ArrivesAtCcp(c.Key) < demo.Scenario.EndSeconds, $"tag {c.Key} never reaches the CCP"));
        Assert.All(colours.Where(c => c.Value == TriageColour.Black), c => Assert.Equal(double.PositiveInfinity, ArrivesAtCcp(c.Key)));
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("\"1:30\"", 90)]
    [InlineData("\"-0:45\"", -45)]
    [InlineData("\"1:02:03\"", 3723)]
    [InlineData("\"12:30.5\"", 750.5)]
    public void Times_are_seconds_or_clock_text_from_t0(string json, double seconds)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(seconds, ScenarioFields.ParseTime(document.RootElement));
    }

    [Theory]
    [InlineData("\"1:60\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"1:2:3:4\"")]
    [InlineData("true")]
    public void Times_that_are_not_times_are_refused(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Null(ScenarioFields.ParseTime(document.RootElement));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_json_path()
    {
        string json = $$"""
        {
          "name": "broken",
          "end": "5:00",
          {{Drills.DemoDoors()}}
          "people": [
            { "badge": 101, "start": "Entrance lobby", "moves": [ { "at": "1:00", "to": "Gymnasium" } ] },
            { "badge": 9999, "start": "Entrance lobby" },
            { "badge": 102, "start": { "zone": "Entrance lobby", "position": [5, 5] } }
          ],
          "casualties": [ { "tag": 501, "start": "Cafeteria", "colour": "red" } ],
          "actions": [
            { "at": "9:00", "do": "annotate", "text": "too late" },
            { "at": "1:00", "do": "triage", "tag": 501, "colour": "purple" },
            { "at": "1:00", "do": "fly" }
          ]
        }
        """;

        var e = Assert.Throws<ConfigFileException>(() => Drills.Scenario(json));

        string[] paths = e.Errors.Select(x => x.Path).ToArray();
        Assert.Contains("$.people[0].moves[0].to", paths);
        Assert.Contains("$.people[1].badge", paths);
        Assert.Contains("$.people[2].start.position", paths);
        Assert.Contains("$.casualties[0].colour", paths);
        Assert.Contains("$.actions[0].at", paths);
        Assert.Contains("$.actions[1].colour", paths);
        Assert.Contains("$.actions[2].do", paths);
        Assert.All(e.Errors, x => Assert.Equal("test-scenario.json", x.File));
        Assert.StartsWith("test-scenario.json: $.", e.Message);
    }

    [Fact]
    public void A_move_no_door_leads_to_is_refused()
    {
        // No doors at all: the lobby does not lead anywhere.
        string json = """
        { "name": "walled in", "end": "2:00",
          "people": [ { "badge": 101, "start": "Entrance lobby", "moves": [ { "at": "0:10", "to": "Library" } ] } ] }
        """;

        var e = Assert.Throws<ConfigFileException>(() => Drills.Scenario(json));

        ConfigError error = Assert.Single(e.Errors);
        Assert.Equal("$.people[0].moves[0].to", error.Path);
        Assert.Contains("no doors lead from \"Entrance lobby\" to \"Library\"", error.Problem);
    }

    [Fact]
    public void A_carry_by_someone_who_is_not_beside_the_casualty_is_refused()
    {
        string json = $$"""
        { "name": "far carrier", "end": "2:00", {{Drills.DemoDoors()}}
          "people": [ { "badge": 131, "start": "Command post" } ],
          "casualties": [ { "tag": 501, "start": "Entrance lobby" } ],
          "actions": [ { "at": "0:30", "do": "carry", "tag": 501, "by": 131, "until": "1:30" } ] }
        """;

        var e = Assert.Throws<ConfigFileException>(() => Drills.Scenario(json));

        Assert.Equal("$.actions[0].by", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void A_walk_goes_through_the_doors_and_up_the_stairs_never_through_a_wall()
    {
        string json = $$"""
        { "name": "upstairs", "end": "5:00", {{Drills.DemoDoors()}}
          "people": [ { "badge": 101, "start": { "zone": "Entrance lobby", "position": [35, 25] },
                        "moves": [ { "at": "0:00", "to": { "zone": "Classroom 204", "position": [45, 10] } } ] } ] }
        """;
        var plan = new Plan(Drills.Demo.Venue);
        Track track = Choreography.Build(plan, Drills.Scenario(json)).People[101];

        var zones = new List<string>();
        for (double t = 0; t < 300; t += 0.25)
        {
            Spot s = track.At(t);
            int zone = plan.ZoneAt(s.Floor, s.Point);
            string name = zone == 0 ? "none" : plan.Zone(zone).Name;
            if (zones.Count == 0 || zones[^1] != name)
            {
                zones.Add(name);
            }
        }

        Assert.Equal(
            ["Entrance lobby", "Central corridor, ground", "East corridor, ground", "East stairs, ground", "East stairs, first",
             "East corridor, first", "Central corridor, first", "Classroom 204"],
            zones);
    }
}
