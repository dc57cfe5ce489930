using System.Text.Json.Nodes;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Venue;

/// <summary>Zones on one floor may share walls and corners but not floor: a device there would be in two zones at once.</summary>
public class ZoneOverlapTests
{
    // Zone 1 is [[0,0],[20,0],[20,10],[0,10]] on floor 0; zone 2 is beside it, sharing the wall x = 20.
    [Theory]
    [InlineData("[[10,2],[30,2],[30,8],[10,8]]")]    // across zone 1's wall
    [InlineData("[[5,2],[15,2],[15,8],[5,8]]")]      // wholly inside zone 1
    [InlineData("[[0,0],[20,0],[20,10],[0,10]]")]    // drawn exactly over zone 1
    [InlineData("[[0,0],[20,0],[20,5],[0,5]]")]      // half of zone 1, along its walls
    [InlineData("[[-5,-5],[25,-5],[25,15],[-5,15]]")] // zone 1 wholly inside it (off the floor's plan too)
    public void An_outline_over_another_zone_on_its_floor_is_refused_at_that_outline(string outline)
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, $"$.zones[1].outline={outline}");

        var e = Assert.Throws<ConfigFileException>(() => VenueFile.Parse(json.ToJsonString(), "v.json"));

        ConfigError error = Assert.Single(e.Errors, x => x.Path == "$.zones[1].outline" && x.Problem.Contains("overlaps"));
        Assert.Contains("overlaps zone 1 (\"East corridor\") on floor 0", error.Problem);
    }

    [Theory]
    [InlineData("[[20,0],[40,0],[40,10],[20,10]]")]  // a shared wall (as drawn in the test venue)
    [InlineData("[[20,10],[40,10],[40,20],[20,20]]")] // a shared corner only
    [InlineData("[[20,2],[40,2],[40,6],[20,6]]")]    // part of a wall
    [InlineData("[[20,0],[40,0],[40,10],[20,10.005]]")] // a wall drawn by hand, half a centimetre out
    public void Zones_that_share_walls_or_corners_load(string outline)
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, $"$.zones[1].outline={outline}");
        JsonEdit.Apply(json, "$.receivers[1].position=[30,5]");
        JsonEdit.Apply(json, "$.anchors[1].position=[30,5]");

        VenueFile.Parse(json.ToJsonString(), "v.json");
    }

    [Fact]
    public void An_L_shaped_zone_and_the_room_in_its_corner_load()
    {
        // The room fills the L's notch: every corner and edge of each lies on the other's walls or outside it.
        Assert.False(PlanGeometry.Overlap(
            [new(0, 0), new(20, 0), new(20, 10), new(10, 10), new(10, 20), new(0, 20)],
            [new(10, 10), new(20, 10), new(20, 20), new(10, 20)]));
    }

    [Fact]
    public void The_same_outline_on_another_floor_is_no_overlap()
    {
        JsonObject json = TestDrill.VenueJson();
        JsonEdit.Apply(json, "$.zones[3].outline=[[0,0],[20,0],[20,10],[0,10]]"); // zone 4 on floor 1, over zone 1's plan

        VenueFile.Parse(json.ToJsonString(), "v.json");
    }
}
