using System.Text.Json;
using Beacons.Gateway.Setup;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>The readiness board before T0: what is on, what is missing and why, from the live roster.</summary>
public class ReadinessTests
{
    private readonly Air _air = new();

    [Fact]
    public void Ready_counts_what_is_heard_and_names_each_device_missing_with_its_reason()
    {
        var p = new TestPipeline();
        const long at = 1_000_000;
        p.Datagram(Air.Heartbeat(1, 1, dropped: 3), at);
        p.Datagram(Air.Datagram(1, 2,
            (_air.Badge(101, 1, battery: 80), -60),
            (_air.Badge(102, 1, battery: 10), -60),
            (_air.Tag(501, 1, TriageColour.Untagged, committed: false, changes: 0), -60),
            (_air.Tag(502, 1, TriageColour.Red), -60),
            (_air.Anchor(900, 1, 4), -70)), at);
        p.Tick(at + 5_000); // presence (last heard, battery) is folded in every 5 s

        ReadinessReport r = Readiness.Of(p.Roster, at + 5_000);

        // 3 receivers, 2 anchors, 4 badges, 3 tags; ready: receiver 1, anchor 900, badge 101, tag 501.
        Assert.Equal((4, 12), (r.Ready, r.Total));
        Assert.Equal(
            [
                "receiver 2 (R2): no heartbeat",
                "receiver 3 (R3): no heartbeat",
                "anchor 901 (anchor in zone 2): not heard",
                "badge 102 (Ofc. B. Lee): battery 10%",
                "badge 103 (Medic C. Diaz): not heard",
                "badge 104 (Lt. D. Okafor): not heard",
                "tag 502 (Casualty 2): shows red: reset it to untagged",
                "tag 503 (Tag 503): not heard",
            ],
            r.Missing);
        ReadinessItem receiver = Assert.Single(r.Devices, d => d.Kind == "receiver" && d.Id == 1);
        Assert.Equal((true, at, 3L), (receiver.Ready, receiver.LastHeardMs, receiver.Dropped));
        Assert.Equal(80, Assert.Single(r.Devices, d => d.Kind == "badge" && d.Id == 101).Battery);
    }

    [Fact]
    public void A_device_heard_too_long_ago_is_missing_again()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Heartbeat(1, 1), 0);
        p.Datagram(Air.Datagram(1, 2, (_air.Badge(101, 1), -60)), 0);
        p.Tick(5_000);

        ReadinessReport r = Readiness.Of(p.Roster, Readiness.HeardWithinMs + 1_000);

        Assert.Contains("receiver 1 (R1): last heard 31 s ago", r.Missing);
        Assert.Contains("badge 101 (Sgt. A. Ruiz): last heard 31 s ago", r.Missing);
    }

    [Fact]
    public async Task Get_api_readiness_serves_the_board()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        using JsonDocument board = JsonDocument.Parse(await g.Http.GetStringAsync("api/readiness"));

        JsonElement root = board.RootElement;
        Assert.Equal(0, root.GetProperty("ready").GetInt32());
        Assert.Equal(12, root.GetProperty("total").GetInt32());
        Assert.Equal(12, root.GetProperty("missing").GetArrayLength());
        JsonElement first = root.GetProperty("devices")[0];
        Assert.Equal(("receiver", 1, false, "no heartbeat"), (first.GetProperty("kind").GetString(), first.GetProperty("id").GetInt32(), first.GetProperty("ready").GetBoolean(), first.GetProperty("problem").GetString()));
    }
}
