using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Serving;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Serving;

public class ApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a hang guard, not a speed check
    private readonly Air _air = new();

    [Fact]
    public async Task The_roster_venue_and_exercise_are_served_and_the_exercise_keys_are_not()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        JsonElement roster = await GetJson(g, "api/roster");
        string exercise = await g.Http.GetStringAsync("api/exercise");
        JsonElement venue = await GetJson(g, "api/venue");
        string page = await g.Http.GetStringAsync("/");

        Assert.Equal(1, roster.GetProperty("lastEventId").GetInt64()); // exercise-opened
        Assert.Equal(4, roster.GetProperty("officers").GetArrayLength());
        Assert.Equal("Test school", venue.GetProperty("name").GetString());
        Assert.Contains("Sgt. A. Ruiz", exercise);
        Assert.DoesNotContain(TestDrill.ExerciseKey, exercise);
        Assert.DoesNotContain("key", exercise);
        Assert.Contains("<html", page);
    }

    [Fact]
    public async Task Controller_actions_answer_with_their_committed_event_and_refusals_are_counted()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        HttpResponseMessage start = await Post(g, "api/clock/start", """{"confirm":true}""");
        HttpResponseMessage again = await g.Http.PostAsync("api/clock/start", null);
        HttpResponseMessage warm = await Post(g, "api/zones/1/status", """{"status":"warm"}""");
        HttpResponseMessage noZone = await Post(g, "api/zones/99/status", """{"status":"warm"}""");
        HttpResponseMessage badStatus = await Post(g, "api/zones/1/status", """{"status":"tepid"}""");
        HttpResponseMessage note = await Post(g, "api/annotations", """{"type":"threat-neutralized","text":"Suspect down"}""");
        HttpResponseMessage badType = await Post(g, "api/annotations", """{"type":"Threat Neutralized!","text":"x"}""");
        HttpResponseMessage notJson = await Post(g, "api/annotations", """{"type": "a", """);
        HttpResponseMessage missing = await Post(g, "api/annotations", """{"type":"note","text":5}""");
        HttpResponseMessage huge = await Post(g, "api/annotations", $$"""{"type":"a","text":"{{new string('x', 5000)}}"}""");
        HttpResponseMessage noAlert = await g.Http.PostAsync("api/alerts/12345/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        JsonElement started = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("clock-started", started.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already running", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noZone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noAlert.StatusCode);

        JsonElement roster = await GetJson(g, "api/roster");
        Assert.Equal("warm", roster.GetProperty("zones")[0].GetProperty("status").GetString());
        Assert.Equal(started.GetProperty("at").GetInt64(), roster.GetProperty("clock").GetProperty("startedAtMs").GetInt64());
        Assert.Equal("Suspect down", roster.GetProperty("notes")[0].GetProperty("text").GetString());

        JsonElement counters = (await GetJson(g, "api/counters")).GetProperty("counters");
        Assert.Equal(2, counters.GetProperty("api-malformed").GetInt64());
        Assert.Equal(1, counters.GetProperty("api-oversized").GetInt64());
        Assert.Equal(5, counters.GetProperty("api-rejected").GetInt64()); // 409, 404, 400 status, 400 type, 404 alert
    }

    [Fact]
    public async Task Events_are_paged_after_an_id()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        for (int i = 0; i < 5; i++)
        {
            await Post(g, "api/annotations", $$"""{"type":"note","text":"{{i}}"}""");
        }

        JsonElement page = await GetJson(g, "api/events?after=2&limit=3");
        JsonElement bad = await GetJson(g, "api/events?after=x", HttpStatusCode.BadRequest);

        Assert.Equal(new long[] { 3, 4, 5 }, page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(6, page.GetProperty("lastEventId").GetInt64());
        Assert.Equal("annotation", page.GetProperty("events")[0].GetProperty("kind").GetString());
        Assert.Contains("whole numbers", bad.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_stream_resumes_after_Last_Event_ID_without_skipping_or_repeating()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        using var patience = new CancellationTokenSource(Patience);
        var seen = new List<long>();

        await using (SseClient first = await SseClient.OpenAsync(g.Http, "api/stream?after=0"))
        {
            for (int i = 0; i < 3; i++)
            {
                await Post(g, "api/annotations", $$"""{"type":"note","text":"before {{i}}"}""");
            }

            while (seen.Count < 4)
            {
                seen.Add((await first.NextAsync(patience.Token))!.Value.Id);
            }
        }

        // Disconnected: the drill goes on.
        for (int i = 0; i < 3; i++)
        {
            await Post(g, "api/annotations", $$"""{"type":"note","text":"while away {{i}}"}""");
        }

        await using SseClient resumed = await SseClient.OpenAsync(g.Http, "api/stream", lastEventId: seen[^1]);
        await Post(g, "api/annotations", """{"type":"note","text":"after"}""");
        var texts = new List<string>();
        while (seen.Count < 8)
        {
            (long id, string _, JsonElement e, JsonElement _) = (await resumed.NextAsync(patience.Token))!.Value;
            seen.Add(id);
            texts.Add(e.GetProperty("data").GetProperty("text").GetString()!);
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), seen);
        Assert.Equal(new[] { "while away 0", "while away 1", "while away 2", "after" }, texts);
    }

    [Fact]
    public async Task Each_stream_message_carries_the_roster_entities_its_event_changed_and_they_rebuild_the_roster()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        using var patience = new CancellationTokenSource(Patience);
        JsonNode page = JsonNode.Parse(await g.Http.GetStringAsync("api/roster"))!; // what a page starts from
        await using SseClient stream = await SseClient.OpenAsync(g.Http, $"api/stream?after={(long)page["lastEventId"]!}");

        g.Send(Air.Datagram(1, 1, (_air.Badge(101, 1), -60)));
        SseMessage moved = await NextOfKind(stream, "officer-zone-changed", page, patience.Token);
        await Post(g, "api/zones/1/status", """{"status":"warm"}""");
        SseMessage warmed = await NextOfKind(stream, "zone-status-set", page, patience.Token);
        await Post(g, "api/annotations", """{"type":"note","text":"hello"}""");
        SseMessage noted = await NextOfKind(stream, "annotation", page, patience.Token);

        // The officer who moved, whole, in /api/roster's shape; nothing else.
        JsonElement officer = Assert.Single(moved.Changed.GetProperty("officers").EnumerateArray());
        Assert.Equal(101, officer.GetProperty("badge").GetInt32());
        Assert.Equal(1, officer.GetProperty("zone").GetInt32());
        Assert.Equal("hot", officer.GetProperty("zoneStatus").GetString());
        Assert.Equal(["officers"], moved.Changed.EnumerateObject().Select(p => p.Name));

        // A zone's status: the zone, and everyone in it (their zoneStatus changed with it).
        Assert.Equal("warm", Assert.Single(warmed.Changed.GetProperty("zones").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal("warm", Assert.Single(warmed.Changed.GetProperty("officers").EnumerateArray()).GetProperty("zoneStatus").GetString());
        Assert.Equal("hello", Assert.Single(noted.Changed.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());

        // Replacing entities by ID, message after message, gives the gateway's own roster.
        JsonNode gateway = JsonNode.Parse(await g.Http.GetStringAsync("api/roster"))!;
        while ((long)page["lastEventId"]! < (long)gateway["lastEventId"]!)
        {
            SseMessage m = (await stream.NextAsync(patience.Token))!.Value;
            PageRoster.Apply(page, m.Id, m.Changed);
        }

        Assert.True(JsonNode.DeepEquals(gateway, page), $"{gateway.ToJsonString()}\n{page.ToJsonString()}");
    }

    [Fact]
    public async Task A_gateway_restarted_on_its_record_sends_older_events_without_entities_and_new_ones_with_them()
    {
        string directory = LiveGateway.NewDirectory();
        await using (LiveGateway first = await LiveGateway.StartAsync(directory))
        {
            await Post(first, "api/annotations", """{"type":"note","text":"before the restart"}""");
        }

        await using LiveGateway g = await LiveGateway.StartAsync(directory);
        using var patience = new CancellationTokenSource(Patience);
        await using SseClient stream = await SseClient.OpenAsync(g.Http, "api/stream", lastEventId: 1);
        await Post(g, "api/annotations", """{"type":"note","text":"after the restart"}""");

        SseMessage before = (await stream.NextAsync(patience.Token))!.Value;
        SseMessage after = (await stream.NextAsync(patience.Token))!.Value;
        while (after.Event.GetProperty("kind").GetString() != "annotation")
        {
            after = (await stream.NextAsync(patience.Token))!.Value; // the restart's own events first
        }

        Assert.Equal(2, before.Id);
        Assert.Equal(JsonValueKind.Null, before.Changed.ValueKind); // the gateway no longer knows what it changed: read the roster
        Assert.Equal("after the restart", Assert.Single(after.Changed.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
    }

    /// <summary>Reads the stream up to the next event of <paramref name="kind"/>, applying every message to <paramref name="roster"/>.</summary>
    private static async Task<SseMessage> NextOfKind(SseClient stream, string kind, JsonNode roster, CancellationToken cancel)
    {
        for (;;)
        {
            SseMessage m = (await stream.NextAsync(cancel))!.Value;
            PageRoster.Apply(roster, m.Id, m.Changed);
            if (m.Event.GetProperty("kind").GetString() == kind)
            {
                return m;
            }
        }
    }

    [Fact]
    public async Task A_stream_opened_without_a_position_starts_with_new_events_only()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        await Post(g, "api/annotations", """{"type":"note","text":"old"}""");
        using var patience = new CancellationTokenSource(Patience);

        await using SseClient stream = await SseClient.OpenAsync(g.Http, "api/stream");
        await Post(g, "api/annotations", """{"type":"note","text":"new"}""");

        (long id, string _, JsonElement e, JsonElement _) = (await stream.NextAsync(patience.Token))!.Value;
        Assert.Equal(3, id);
        Assert.Equal("new", e.GetProperty("data").GetProperty("text").GetString());
    }

    [Fact]
    public async Task With_a_token_every_api_request_needs_it_and_the_page_does_not()
    {
        await using LiveGateway g = await LiveGateway.StartAsync(options: new GatewayOptions { Token = "s3cret-token" });
        using var anonymous = new HttpClient { BaseAddress = g.Http.BaseAddress };

        HttpResponseMessage roster = await anonymous.GetAsync("api/roster");
        HttpResponseMessage start = await anonymous.PostAsync("api/clock/start", null);
        HttpResponseMessage stream = await anonymous.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead);
        HttpResponseMessage wrong = await anonymous.GetAsync("api/roster?token=guess");
        HttpResponseMessage byQuery = await anonymous.GetAsync("api/roster?token=s3cret-token");
        HttpResponseMessage byHeader = await Post(g, "api/clock/start", """{"confirm":true}""");
        HttpResponseMessage page = await anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, roster.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stream.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(4, g.Runtime.Counters[Counter.ApiUnauthorized]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:47880", false)]
    [InlineData("http://localhost:47880", false)]
    [InlineData("http://[::1]:47880", false)]
    [InlineData("http://0.0.0.0:47880", true)]
    [InlineData("http://*:47880", true)]
    [InlineData("http://192.168.1.20:47880", true)]
    public void Listening_beyond_loopback_generates_a_token(string url, bool required)
    {
        ControllerToken token = ControllerToken.For([url], given: null);

        Assert.Equal(required, token.Required);
        Assert.Equal(required, token.Generated);
        Assert.True(!required || token.Value!.Length >= 20);
    }

    [Fact]
    public async Task Udp_datagrams_on_a_real_socket_become_events_in_the_sqlite_record_and_on_the_stream()
    {
        string directory = LiveGateway.NewDirectory();
        LiveGateway g = await LiveGateway.StartAsync(directory);
        {
            using var patience = new CancellationTokenSource(Patience);
            await using SseClient stream = await SseClient.OpenAsync(g.Http, "api/stream?after=0");
            g.Send(Air.Datagram(1, 1, (_air.Badge(101, 1), -60), (_air.Tag(501, 1, TriageColour.Yellow), -70)));
            g.Send(Air.Datagram(1, 2, (_air.Badge(103, 1, emergency: true, role: OfficerRole.RtfMedic), -60))); // EMS in hot zone 1
            g.Send(Air.Heartbeat(3, 1));

            var kinds = new List<string>();
            while (!(kinds.Contains("emergency") && kinds.Contains("tag-changed") && kinds.Contains("receiver-heartbeat") && kinds.Count(k => k == "alert-raised") >= 2))
            {
                kinds.Add((await stream.NextAsync(patience.Token))!.Value.Event.GetProperty("kind").GetString()!);
            }

            JsonElement roster = await GetJson(g, "api/roster");
            Assert.Equal(1, roster.GetProperty("officers")[0].GetProperty("zone").GetInt32());
            Assert.Equal("yellow", roster.GetProperty("casualties")[0].GetProperty("colour").GetString());
        }

        await g.DisposeAsync();
        // Stopped: everything it emitted is committed, and this is the roster it ended with.
        string rosterBefore = RosterJson.Serialize(g.Runtime.Feed.Current.Roster);
        long lastId = g.Runtime.Feed.Current.LastEventId;

        // The record on disk, read with SQLite itself.
        using (var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "record.db")};Mode=ReadOnly;Pooling=False"))
        {
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = "SELECT COUNT(*), MIN(id), MAX(id), SUM(kind = 'emergency') FROM events";
            using var reader = command.ExecuteReader();
            reader.Read();
            Assert.Equal(reader.GetInt64(2), reader.GetInt64(0));
            Assert.Equal(1, reader.GetInt64(1));
            Assert.Equal(lastId, reader.GetInt64(2));
            Assert.Equal(1, reader.GetInt64(3));
        }

        // Restarted on the same record, the gateway rebuilds the same roster and numbers on.
        await using (LiveGateway again = await LiveGateway.StartAsync(directory))
        {
            Assert.Equal(rosterBefore, await again.Http.GetStringAsync("api/roster"));
            HttpResponseMessage note = await Post(again, "api/annotations", """{"type":"note","text":"after restart"}""");
            long noteId = JsonDocument.Parse(await note.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            Assert.True(noteId > lastId);
        }
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_record_is_refused_in_one_line()
    {
        string directory = LiveGateway.NewDirectory();
        await using LiveGateway first = await LiveGateway.StartAsync(directory);

        var e = await Assert.ThrowsAsync<GatewayStartException>(() => LiveGateway.StartAsync(directory));

        Assert.Contains("in use by another gateway", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task An_adapter_counted_as_a_receiver_the_venue_lacks_is_refused_before_anything_starts()
    {
        string directory = LiveGateway.NewDirectory();
        var options = new GatewayOptions { DbPath = Path.Combine(directory, "record.db"), UdpPort = 0, Urls = "http://127.0.0.1:0", HciReceiver = 9 };

        var e = await Assert.ThrowsAsync<GatewayStartException>(() => GatewayApp.StartAsync(TestDrill.Venue(), TestDrill.Exercise(), options));

        Assert.Equal("--hci-receiver 9: the venue Test school has no receiver 9 (its receivers: 1, 2, 3)", e.Message);
        Assert.False(File.Exists(options.DbPath));
    }

    internal static async Task<HttpResponseMessage> Post(LiveGateway g, string path, string json) =>
        await g.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    internal static async Task<JsonElement> GetJson(LiveGateway g, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        HttpResponseMessage response = await g.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
