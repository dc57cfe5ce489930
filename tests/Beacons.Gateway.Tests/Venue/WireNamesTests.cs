using Beacons.Gateway.Record;
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
}
