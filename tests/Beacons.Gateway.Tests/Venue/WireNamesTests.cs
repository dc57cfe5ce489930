using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Venue;

public class WireNamesTests
{
    [Fact]
    public void Zone_statuses_are_spelled_one_way_in_and_out()
    {
        Assert.Equal(new[] { "hot", "warm", "cold" }, Enum.GetValues<ZoneStatus>().Select(WireNames.Of));
        Assert.True(WireNames.TryParse("warm", out ZoneStatus warm));
        Assert.Equal(ZoneStatus.Warm, warm);
        Assert.False(WireNames.TryParse("Warm", out ZoneStatus _));
        Assert.False(WireNames.TryParse("1", out ZoneStatus _));
        Assert.Equal("\"hot\", \"warm\" or \"cold\"", WireNames.Choices<ZoneStatus>());
    }

    [Fact]
    public void Events_carry_enums_as_their_wire_names_and_refuse_numbers()
    {
        Assert.Equal("""{"zone":1,"status":"warm","previous":"hot"}""", EventJson.BodyToJson(new ZoneStatusSet(1, ZoneStatus.Warm, ZoneStatus.Hot)));
        Assert.Equal(new ZoneStatusSet(2, ZoneStatus.Cold, ZoneStatus.Warm), EventJson.BodyFromJson("zone-status-set", """{"zone":2,"status":"cold","previous":"warm"}"""));
        Assert.Null(EventJson.BodyFromJson("zone-status-set", """{"zone":2,"status":2,"previous":"warm"}"""));
        Assert.Equal(
            """{"devices":[{"kind":"badge","id":101,"lastHeardMs":5,"battery":null,"counter":7}]}""",
            EventJson.BodyToJson(new Presence([new DevicePresence(FrameKind.Badge, 101, 5, null, 7)])));
    }

    [Fact]
    public void Colours_roles_and_alert_types_keep_the_names_records_already_hold()
    {
        Assert.Equal(new[] { "untagged", "green", "yellow", "red", "black" }, Enum.GetValues<TriageColour>().Select(WireNames.Of));
        Assert.Equal(new[] { "unknown", "contact", "rtf-officer", "rtf-medic", "command", "evaluator" }, Enum.GetValues<OfficerRole>().Select(WireNames.Of));
        Assert.Equal(
            new[] { "emergency", "officer-silent", "medic-in-hot-zone", "red-not-at-ccp", "low-battery", "receiver-silent" },
            Enum.GetValues<AlertType>().Select(WireNames.Of));

        // Bodies as a record written before these were enums stores them: read back and written again byte for byte.
        (string Kind, string Json)[] stored =
        [
            ("tag-changed", """{"tag":501,"colour":"red","committed":true,"changes":1,"changedAtMs":1000}"""),
            ("officer-seen", """{"badge":103,"role":"rtf-medic"}"""),
            ("alert-raised", """{"type":"officer-silent","badge":101,"tag":null,"receiver":null,"zone":null,"message":"silent"}"""),
        ];
        foreach ((string kind, string json) in stored)
        {
            Assert.Equal(json, EventJson.BodyToJson(EventJson.BodyFromJson(kind, json)!));
        }

        Assert.Equal(new TagChanged(501, TriageColour.Red, true, 1, 1000), EventJson.BodyFromJson(stored[0].Kind, stored[0].Json));
        Assert.Null(EventJson.BodyFromJson("tag-changed", """{"tag":501,"colour":3,"committed":true,"changes":1,"changedAtMs":1000}"""));
    }
}
