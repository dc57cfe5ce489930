using System.Text.Json.Nodes;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Venue;

public class VenueFileTests
{
    [Fact]
    public void A_valid_venue_loads_with_its_defaults()
    {
        Beacons.Venue.Venue venue = TestDrill.Venue();

        Assert.Equal("Test school", venue.Name);
        Assert.Equal(4, venue.Zones.Count);
        Assert.Equal(3, venue.Ccp.Id);
        Assert.Equal(ZoneStatus.Hot, venue.FindZone(4)!.Status); // status defaults to hot
        Assert.Equal(0, venue.FindReceiver(1)!.Floor);              // floor defaults to the zone's
        Assert.Equal("R3", venue.FindReceiver(3)!.Name);             // name defaults to R<id>
        Assert.Equal(1, venue.FindAnchor(900)!.Floor);
        Assert.Equal(-60, venue.FindAnchor(900)!.RssiAt1m);
        Assert.Equal(VenueAnchor.DefaultRssiAt1m, venue.FindAnchor(901)!.RssiAt1m);
        Assert.Equal("e2c56db5-dffb-48d2-b060-d0f5a71096e0", venue.FindAnchor(901)!.IBeacon!.UuidText);
        Assert.Equal(8, venue.Walls[0].LossDb);
    }

    [Fact]
    public void Formatting_then_parsing_gives_the_same_venue()
    {
        Beacons.Venue.Venue venue = TestDrill.Venue();

        Beacons.Venue.Venue again = VenueFile.Parse(VenueFile.Format(venue), "again.json");

        Assert.Equal(VenueFile.Format(venue), VenueFile.Format(again));
        Assert.Equal(venue.Zones.Select(z => (z.Id, z.Name, z.Status, z.Ccp, z.Outside, z.Floor)), again.Zones.Select(z => (z.Id, z.Name, z.Status, z.Ccp, z.Outside, z.Floor)));
        Assert.Equal(venue.Zones[0].Outline, again.Zones[0].Outline);
        Assert.Equal(venue.Anchors[1].IBeacon, again.Anchors[1].IBeacon);
    }

    [Fact]
    public void A_zone_is_a_stairwell_only_when_marked_so_and_formatting_keeps_it()
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, "$.zones[3].stairs=true");
        JsonEdit.Apply(json, "$.zones[1].stairs=false");

        Beacons.Venue.Venue venue = VenueFile.Parse(json.ToJsonString(), "v.json");
        Beacons.Venue.Venue again = VenueFile.Parse(VenueFile.Format(venue), "again.json");

        Assert.Equal([4], venue.Zones.Where(z => z.Stairs).Select(z => z.Id));
        Assert.Equal([4], again.Zones.Where(z => z.Stairs).Select(z => z.Id));
        Assert.False(TestDrill.Venue().FindZone(4)!.Stairs); // not given: false
    }

    [Fact]
    public void An_iBeacon_anchor_is_found_by_uuid_major_and_minor()
    {
        Beacons.Venue.Venue venue = TestDrill.Venue();
        byte[] uuid = Hex.TryParse("e2c56db5dffb48d2b060d0f5a71096e0")!;

        Assert.Equal(901, venue.FindIBeaconAnchor(uuid, 1, 7)!.Id);
        Assert.Null(venue.FindIBeaconAnchor(uuid, 1, 8));
    }

    [Fact]
    public void Zone_outline_contains_points_inside_it_only()
    {
        VenueZone zone = TestDrill.Venue().FindZone(2)!;

        Assert.True(zone.Contains(new PlanPoint(30, 5)));
        Assert.False(zone.Contains(new PlanPoint(10, 5)));
        Assert.False(zone.Contains(new PlanPoint(30, 11)));
    }

    public static TheoryData<string, string, string> BrokenVenues => new()
    {
        { "$.zones[0].id=0", "$.zones[0].id", "0 is out of 1..255" },
        { "$.zones[0].id=256", "$.zones[0].id", "256 is out of 1..255" },
        { "$.zones[1].id=1", "$.zones[1].id", "duplicate zone ID 1" },
        { "$.zones[2].ccp=false", "$.zones", "no zone is the casualty collection point" },
        { "$.zones[0].ccp=true", "$.zones", "2 zones are marked \"ccp\": true (1, 3)" },
        { "$.zones[0].status=\"lukewarm\"", "$.zones[0].status", "must be \"hot\", \"warm\" or \"cold\", not \"lukewarm\"" },
        { "$.zones[0].floor=7", "$.zones[0].floor", "unknown floor 7" },
        { "$.zones[0].outline=[[0,0],[1,1]]", "$.zones[0].outline", "at least 3 corners" },
        { "$.zones[0].colour=\"red\"", "$.zones[0].colour", "unknown field" },
        { "$.zones[0].stairs=\"yes\"", "$.zones[0].stairs", "must be true or false, not \"yes\"" },
        { "$.zones[0].stairs=1", "$.zones[0].stairs", "must be true or false" },
        { "$.receivers[0].zone=9", "$.receivers[0].zone", "unknown zone 9" },
        { "$.receivers[1].id=1", "$.receivers[1].id", "duplicate receiver ID 1" },
        { "$.receivers[0].floor=1", "$.receivers[0].floor", "floor 1 is not the floor of zone 1 (0)" },
        { "$.receivers[0].position=[100,5]", "$.receivers[0].position", "off floor 0's plan" },
        { "$.receivers[0].position=\"here\"", "$.receivers[0].position", "must be a position [x, y]" },
        { "$.anchors[0].zone=99", "$.anchors[0].zone", "unknown zone 99" },
        { "$.anchors[1].id=900", "$.anchors[1].id", "duplicate anchor ID 900" },
        { "$.anchors[0].rssiAt1m=5", "$.anchors[0].rssiAt1m", "5 is out of -127..0" },
        { "$.anchors[1].ibeacon.uuid=\"not-a-uuid\"", "$.anchors[1].ibeacon.uuid", "must be a UUID" },
        { "$.anchors[1].ibeacon.major=70000", "$.anchors[1].ibeacon.major", "70000 is out of 0..65535" },
        { "$.floors[1].id=0", "$.floors[1].id", "duplicate floor ID 0" },
        { "$.floors[0].width=-3", "$.floors[0].width", "-3 is out of" },
        { "$.name=\"\"", "$.name", "must not be empty" },
        { "$.walls[0].floor=5", "$.walls[0].floor", "unknown floor 5" },
        { "$.floorLossDb=\"loud\"", "$.floorLossDb", "must be a number, not \"loud\"" },
        { "$.zones[0].outline=[[0,0],[20,10],[20,0],[0,10]]", "$.zones[0].outline", "the outline crosses itself (its edge from corner 0 meets its edge from corner 2" },
        { "$.zones[0].outline=[[0,0],[20,0],[10,0],[10,10]]", "$.zones[0].outline", "the outline crosses itself" },
        { "$.zones[0].outline=[[0,0],[20,0],[20,10],[10,0],[0,10]]", "$.zones[0].outline", "the outline crosses itself" },
    };

    [Theory]
    [MemberData(nameof(BrokenVenues))]
    public void Every_problem_names_the_file_the_field_and_what_is_wrong(string edit, string path, string problem)
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, edit);

        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Parse(json.ToJsonString(), "east-wing.json"));

        ConfigError error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Equal("east-wing.json", error.File);
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith("east-wing.json: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, "$.zones[0].id=0");
        JsonEdit.Apply(json, "$.receivers[2].zone=77");

        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Parse(json.ToJsonString(), "v.json"));

        Assert.Contains(e.Errors, x => x.Path == "$.zones[0].id");
        Assert.Contains(e.Errors, x => x.Path == "$.receivers[2].zone");
        Assert.Contains("more problems", e.Message);
    }

    [Fact]
    public void Text_that_is_not_json_is_one_clear_error()
    {
        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Parse("{ \"name\": ", "v.json"));

        Assert.Equal("$", Assert.Single(e.Errors).Path);
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void A_missing_file_is_one_clear_error()
    {
        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Load("/nonexistent/venue.json"));

        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        string json = TestDrill.VenueJson().ToJsonString().Replace("\"name\":\"Test school\",", "\"name\":\"Test school\", // the east wing\n");

        Assert.Equal("Test school", VenueFile.Parse(json, "v.json").Name);
    }

    [Fact]
    public void A_field_given_twice_is_refused_wherever_it_is()
    {
        string json = TestDrill.VenueJson().ToJsonString()
            .Replace("\"name\":\"Test school\",", "\"name\":\"Test school\",\"name\":\"Other school\",")
            .Replace("\"name\":\"Library\",", "\"name\":\"Library\",\"name\":\"Gym\",");

        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Parse(json, "v.json"));

        Assert.Equal(["$.name", "$.zones[1].name"], e.Errors.Select(x => x.Path));
        Assert.All(e.Errors, x => Assert.Equal("given twice in the same object (remove one)", x.Problem));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_where_the_bad_byte_is()
    {
        string path = Path.Combine(Serving.LiveGateway.NewDirectory(), "venue.json");
        byte[] text = System.Text.Encoding.UTF8.GetBytes(TestDrill.VenueJson().ToJsonString());
        int at = Array.IndexOf(text, (byte)'L');
        text[at] = 0xC9; // Latin-1 'É': not UTF-8 on its own
        File.WriteAllBytes(path, text);

        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Load(path));

        ConfigError error = Assert.Single(e.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal($"not valid UTF-8 (line 1, byte {at + 1} of the file): save it as UTF-8", error.Problem);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_reads()
    {
        string path = Path.Combine(Serving.LiveGateway.NewDirectory(), "venue.json");
        File.WriteAllText(path, TestDrill.VenueJson().ToJsonString(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("Test school", VenueFile.Load(path).Name);
    }
}
