using System.Net;
using System.Text.Json;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>T0 with devices not ready: refused until confirmed, naming them; the record keeps them.</summary>
public class StartWithMissingTests
{
    private readonly Air _air = new();

    [Fact]
    public async Task Start_with_nothing_heard_is_a_409_naming_what_is_missing_and_confirm_starts_and_records_it()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        HttpResponseMessage refused = await g.Http.PostAsync("api/clock/start", null);
        HttpResponseMessage unconfirmed = await ApiTests.Post(g, "api/clock/start", """{"confirm":false}""");
        HttpResponseMessage malformed = await ApiTests.Post(g, "api/clock/start", """{"confirm":"yes"}""");
        long? startedBefore = g.Runtime.Feed.Current.Roster.Clock.StartedAtMs;
        HttpResponseMessage confirmed = await ApiTests.Post(g, "api/clock/start", """{"confirm":true}""");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        string detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("12 devices are not ready: receiver 1 (R1): no heartbeat; receiver 2 (R2): no heartbeat;", detail);
        Assert.Contains("badge 101 (Sgt. A. Ruiz): not heard", detail);
        JsonElement notReady = problem.RootElement.GetProperty("notReady");
        Assert.Equal(12, notReady.GetArrayLength());
        Assert.Equal("receiver 1 (R1): no heartbeat", notReady[0].GetString());
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Null(startedBefore);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using JsonDocument started = JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("clock-started", started.RootElement.GetProperty("kind").GetString());
        JsonElement recorded = started.RootElement.GetProperty("data").GetProperty("notReady");
        Assert.Equal(notReady.EnumerateArray().Select(e => e.GetString()), recorded.EnumerateArray().Select(e => e.GetString()));

        await g.Runtime.FlushAsync();
        StoredEvent stored = Assert.Single(g.Runtime.Feed.Read(0, 1000), e => e.Kind == "clock-started");
        Assert.Equal(12, ((ClockStarted)EventJson.BodyFromJson(stored.Kind, stored.Data)!).NotReady!.Count);
    }

    [Fact]
    public void With_every_device_ready_T0_needs_no_confirmation_and_records_nothing_missing()
    {
        var p = new TestPipeline();
        const long at = 1_000_000;
        for (int r = 1; r <= 3; r++)
        {
            p.Datagram(Air.Heartbeat(r, 1), at);
        }

        p.Datagram(Air.Datagram(1, 2,
            (_air.Badge(101, 1), -60), (_air.Badge(102, 1), -60), (_air.Badge(103, 1), -60), (_air.Badge(104, 1), -60),
            (_air.Tag(501, 1, TriageColour.Untagged, committed: false, changes: 0), -60),
            (_air.Tag(502, 1, TriageColour.Untagged, committed: false, changes: 0), -60),
            (_air.Tag(503, 1, TriageColour.Untagged, committed: false, changes: 0), -60),
            (_air.Anchor(900, 1, 4), -70), (_air.Anchor(901, 1, 2), -70)), at);
        p.Tick(at + 5_000);

        ActionOutcome outcome = p.Pipeline.Act(new StartClock(), at + 5_000);

        Assert.Null(outcome.Refusal);
        Assert.Equal(new ClockStarted(), outcome.Event!.Body);
        Assert.Equal("{}", EventJson.BodyToJson(outcome.Event.Body));
    }

    [Fact]
    public void A_clock_started_from_before_readiness_still_loads_and_the_list_survives_the_record()
    {
        Assert.Equal(new ClockStarted(), EventJson.BodyFromJson("clock-started", "{}"));
        var started = (ClockStarted)EventJson.BodyFromJson("clock-started", EventJson.BodyToJson(new ClockStarted(["tag 503 (Tag 503): not heard"])))!;
        Assert.Equal(["tag 503 (Tag 503): not heard"], started.NotReady!);
    }

}
