using System.Text.Json.Nodes;
using Beacons.Gateway.Setup;
using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>The coverage warnings of docs/venue.md ("Coverage"): each gap found, each saying why it matters, none refusing the venue.</summary>
public class CoverageCheckTests
{
    [Fact]
    public void The_test_school_lacks_a_receiver_upstairs_nobody_uses_its_anchors_and_its_car_park_has_no_wall()
    {
        IReadOnlyList<CoverageWarning> warnings = CoverageCheck.Of(TestDrill.Venue(), badgesLocate: false);

        // The library has its wall to the corridor, so its undrawn border with the car park is the car park's warning only.
        Assert.Equal(
            [(CoverageGap.ZoneWithoutReceiver, 4), (CoverageGap.ZoneOutOfReach, 4), (CoverageGap.AnchorsUnused, 0), (CoverageGap.ZoneWithoutWalls, 3)],
            warnings.Select(w => (w.Gap, w.Zone)));
        Assert.Equal("zone 4 (Upper hall) has no receiver: officers and casualties there are placed only by what receivers in other zones overhear, so they may show in a neighbouring zone", warnings[0].Message);
        Assert.Contains("no receiver on its floor (1)", warnings[1].Message);
        Assert.Equal("anchors 900, 901 will go unused: only badges provisioned with locate (beacons provision --locate) listen to anchors, and none are", warnings[2].Message);
        Assert.Equal("zone 3 (Car park) has no wall drawn on any border, though the venue lists walls elsewhere: placement takes it as open to every zone beside it and may show people there who are not; list its walls in the venue file, with their losses (a door does not make a gap in a wall)", warnings[3].Message);
    }

    [Theory]
    [InlineData("""[ { "floor": 0, "from": [40, 0], "to": [40, 10], "lossDb": 12 } ]""")] // the car park's wall drawn
    [InlineData("""[ { "floor": 0, "from": [40, 0], "to": [40, 4] }, { "floor": 0, "from": [40, 6], "to": [40, 10] } ]""")] // with a gap at its door
    [InlineData("""[ { "floor": 0, "from": [40.3, 0], "to": [40.3, 10] } ]""")] // drawn a little off the zones' edge
    public void A_zone_with_a_wall_drawn_on_a_border_is_not_warned_of(string carParkWalls)
    {
        JsonObject json = TestDrill.VenueJson();
        foreach (JsonNode? wall in JsonNode.Parse(carParkWalls)!.AsArray())
        {
            json["walls"]!.AsArray().Add(wall!.DeepClone());
        }

        Assert.DoesNotContain(CoverageCheck.Of(Parse(json), badgesLocate: true), w => w.Gap == CoverageGap.ZoneWithoutWalls);
    }

    [Fact]
    public void A_venue_that_lists_no_walls_keeps_the_one_wall_rule_and_is_not_warned_of()
    {
        JsonObject json = TestDrill.VenueJson();
        json["walls"]!.AsArray().Clear();

        Assert.DoesNotContain(CoverageCheck.Of(Parse(json), badgesLocate: true), w => w.Gap == CoverageGap.ZoneWithoutWalls);
    }

    [Fact]
    public void A_wall_elsewhere_on_the_plan_does_not_count_for_a_border()
    {
        JsonObject json = TestDrill.VenueJson();
        json["walls"]!.AsArray().Add(JsonNode.Parse("""{ "floor": 0, "from": [45, 0], "to": [45, 30] }""")); // inside the car park
        json["walls"]!.AsArray().Add(JsonNode.Parse("""{ "floor": 1, "from": [40, 0], "to": [40, 10] }""")); // the right line, the floor above

        Assert.Contains(CoverageCheck.Of(Parse(json), badgesLocate: true), w => w.Gap == CoverageGap.ZoneWithoutWalls && w.Zone == 3);
    }

    [Fact]
    public void Badges_that_locate_use_the_anchors()
    {
        Assert.DoesNotContain(CoverageCheck.Of(TestDrill.Venue(), badgesLocate: true), w => w.Gap == CoverageGap.AnchorsUnused);
    }

    [Fact]
    public void A_ccp_without_a_receiver_says_what_it_costs()
    {
        JsonObject json = TestDrill.VenueJson();
        json["receivers"]!.AsArray().RemoveAt(2); // R3, in the car park (the CCP)

        IReadOnlyList<CoverageWarning> warnings = CoverageCheck.Of(Parse(json), badgesLocate: true);

        CoverageWarning ccp = Assert.Single(warnings, w => w.Gap == CoverageGap.CcpWithoutReceiver);
        Assert.Equal(3, ccp.Zone);
        Assert.Contains("CCP tally and the red-to-CCP alert", ccp.Message);
        Assert.DoesNotContain(warnings, w => w.Gap == CoverageGap.ZoneWithoutReceiver && w.Zone == 3); // said once, as the CCP
        Assert.Contains(warnings, w => w.Gap == CoverageGap.ZoneOutOfReach && w.Zone == 3); // its centre is 22 m from R2
    }

    [Fact]
    public void A_zone_far_from_every_receiver_is_out_of_reach_and_a_near_one_is_not()
    {
        JsonObject json = TestDrill.VenueJson();
        json["floors"]![0]!["width"] = 200;
        json["zones"]!.AsArray().Add(JsonNode.Parse("""{ "id": 5, "name": "Far lab", "floor": 0, "outline": [[100,0],[120,0],[120,10],[100,10]] }"""));
        json["zones"]!.AsArray().Add(JsonNode.Parse("""{ "id": 6, "name": "Store", "floor": 0, "outline": [[0,10],[10,10],[10,20],[0,20]] }"""));

        IReadOnlyList<CoverageWarning> warnings = CoverageCheck.Of(Parse(json), badgesLocate: true);

        // Far lab's centre (110, 5) is 60 m from R3 at (50, 20)... R3 is nearest: sqrt(60² + 15²) = 62 m.
        CoverageWarning far = Assert.Single(warnings, w => w.Zone == 5 && w.Gap == CoverageGap.ZoneOutOfReach);
        Assert.Equal("zone 5 (Far lab) is 62 m from the nearest receiver (R3): beyond about 15 m through walls, people there may not be heard at all; put a receiver in it or nearer", far.Message);
        Assert.DoesNotContain(warnings, w => w.Zone == 6 && w.Gap == CoverageGap.ZoneOutOfReach); // 7 m from R1
        Assert.Contains(warnings, w => w.Zone == 6 && w.Gap == CoverageGap.ZoneWithoutReceiver);
    }

    [Fact]
    public void Check_prints_every_warning_and_still_passes_the_files()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);

        (int exit, string output, string error) = BeaconsProcess.Run(directory, "check", "--venue", venue, "--exercise", exercise);

        Assert.True(exit == 0, error);
        string[] lines = output.Trim().Split('\n');
        Assert.Equal("beacons check: venue.json and exercise.json can run a drill; 4 coverage warnings", lines[0]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("  warning: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_lists_every_problem_of_a_broken_file()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, _) = TestDrill.WriteFiles(directory);
        File.WriteAllText(venue, File.ReadAllText(venue).Replace("\"id\":3,", "\"id\":300,"));

        (int exit, string output, string error) = BeaconsProcess.Run(directory, "check", "--venue", venue);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(3, error.Trim().Split('\n').Length);
        Assert.All(error.Trim().Split('\n'), l => Assert.StartsWith("beacons check: venue.json: $.", l));
    }

    private static Beacons.Venue.Venue Parse(JsonObject json) => VenueFile.Parse(json.ToJsonString(), "venue.json");
}
