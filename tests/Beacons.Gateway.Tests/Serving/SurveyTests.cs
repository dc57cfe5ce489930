using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Beacons.Gateway.CommandLine;
using Beacons.Gateway.Serving;
using Beacons.Placement.Scoring;
using Microsoft.Data.Sqlite;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>
/// The calibration walk over real HTTP and UDP: a controller walks badge 101 through zones 1 and 2, where
/// R1 reads 10 dB cold and R2 10 dB hot; the walk's files load as <c>beacons evaluate</c> reads them, and the
/// offsets they teach move later placements, now and after a restart.
/// </summary>
public sealed class SurveyTests : IDisposable
{
    private readonly string _dir = LiveGateway.NewDirectory();
    private readonly Air _air = new();
    private uint _sequence;
    private uint _counter;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_walk_is_recorded_as_trace_and_truth_beacons_evaluate_reads_and_its_offsets_move_later_placements()
    {
        (string venuePath, _) = TestDrill.WriteFiles(_dir, WallsUnlisted());
        await using LiveGateway g = await Start(venueJson: WallsUnlisted());

        // Before the walk: badge 103, heard 7 dB louder by R2 (zone 2) than by R1 (zone 1), is placed in zone 2.
        await Until(g, () => Hear(g, 103, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 103) == 2);
        int before = ZoneOf(await Get(g, "api/roster"), 103);

        await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);
        await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.OK);
        await Until(g, () => Hear(g, 101, r1: -80, r2: -60), "api/survey", s => Receiver(s, 1).GetProperty("ownZone").GetInt32() >= 12);
        await Post(g.Http, "api/survey/tap", """{"zone": 2}""", HttpStatusCode.OK);
        await Until(g, () => Hear(g, 101, r1: -80, r2: -60), "api/survey", s => Receiver(s, 2).GetProperty("ownZone").GetInt32() >= 12);
        JsonElement stopped = await Post(g.Http, "api/survey/stop", "", HttpStatusCode.OK);

        // After it: badge 102, heard exactly as 103 was, is placed in zone 1 (R1 -65, R2 -78 once offset).
        await Until(g, () => Hear(g, 102, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 102) == 1);
        int after = ZoneOf(await Get(g, "api/roster"), 102);

        Assert.Equal(2, before);
        Assert.Equal(1, after);
        JsonElement last = stopped.GetProperty("last");
        Assert.True(last.GetProperty("applied").GetBoolean(), last.ToString());
        JsonElement[] offsets = last.GetProperty("offsets").GetProperty("receivers").EnumerateArray().ToArray();
        Assert.Equal(10.0, offsets[0].GetProperty("db").GetDouble());
        Assert.Equal(-10.0, offsets[1].GetProperty("db").GetDouble());
        Assert.False(offsets[2].GetProperty("learned").GetBoolean());
        Assert.Equal("applied from now on: R1 +10.0 dB, R2 -10.0 dB; 1 receiver with too few readings left at 0 dB", last.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("walk").ValueKind);

        // The files, where the docs say, read by the evaluate command unchanged (as the walk to score and as its calibration).
        string walk = last.GetProperty("walk").GetString()!;
        string trace = Path.Combine(_dir, "survey", walk + "-trace.csv");
        string truth = Path.Combine(_dir, "survey", walk + "-truth.csv");
        Assert.Equal(trace, last.GetProperty("trace").GetString());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = EvaluateCommand.Run(venuePath, trace, truth, trace, truth, json: true, output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Equal(5, JsonDocument.Parse(output.ToString()).RootElement.GetProperty("estimators").GetArrayLength());
        Assert.All(File.ReadLines(trace).Skip(1), line => Assert.Equal("101", line.Split(',')[2]));

        // The record says which offsets are in force from when.
        JsonElement applied = (await Get(g, "api/events?limit=10000")).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "receiver-offsets").GetProperty("data");
        Assert.Equal(walk, applied.GetProperty("walk").GetString());
        Assert.Equal(10.0, applied.GetProperty("offsets")[0].GetProperty("db").GetDouble());
        Assert.True(applied.GetProperty("offsets")[0].GetProperty("readings").GetInt32() >= 12);
        Assert.Equal(walk, (await Get(g, "api/survey")).GetProperty("inForce").GetProperty("walk").GetString());
    }

    [Fact]
    public async Task At_start_the_newest_walk_that_teaches_is_applied_again_and_said()
    {
        TestDrill.WriteFiles(_dir);
        string folder = WriteTeachingWalk("walk-20261201-090000");
        // A newer walk that teaches nothing is passed over, and said to be: it stayed in zone 1, so only R1 was heard from
        // its own zone, and one receiver alone learns 0 dB (an offset compares it with the others).
        var trace = new StringBuilder("t_ms,receiver,device,rssi\n");
        var truth = new StringBuilder("t_ms,device,zone\n");
        for (int t = 0; t < 10_000; t += 500)
        {
            trace.Append($"{t},1,101,-70\n{t},2,101,-75\n");
            truth.Append($"{t},101,1\n");
        }

        File.WriteAllText(Path.Combine(folder, "walk-20261202-090000-trace.csv"), trace.ToString());
        File.WriteAllText(Path.Combine(folder, "walk-20261202-090000-truth.csv"), truth.ToString());

        await using LiveGateway g = await Start();
        await Until(g, () => Hear(g, 102, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 102) == 1);

        Assert.Equal(1, ZoneOf(await Get(g, "api/roster"), 102));
        Assert.StartsWith("walk-20261201-090000 applied from ", g.Gateway.SurveyAtStart);
        Assert.Contains("R1 +10.0 dB, R2 -10.0 dB; too few readings to learn, left at 0 dB: R3", g.Gateway.SurveyAtStart);
        Assert.Contains("passed over: walk-20261202-090000: fewer than two receivers heard enough from their own zones", g.Gateway.SurveyAtStart);
        Assert.Equal("walk-20261201-090000", (await Get(g, "api/survey")).GetProperty("inForce").GetProperty("walk").GetString());
    }

    [Fact]
    public async Task A_walk_that_learns_one_receiver_only_leaves_the_walk_in_force_and_says_why()
    {
        WriteTeachingWalk("walk-20261201-090000");
        await using LiveGateway g = await Start();

        // The controller stops in zone 1 alone: R1 hears the badge there enough, R2 never from its own zone.
        await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);
        await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.OK);
        await Until(g, () => Hear(g, 101, r1: -60, r2: -80), "api/survey", s => Receiver(s, 1).GetProperty("ownZone").GetInt32() >= 12);
        JsonElement last = (await Post(g.Http, "api/survey/stop", "", HttpStatusCode.OK)).GetProperty("last");

        Assert.False(last.GetProperty("applied").GetBoolean(), last.ToString());
        Assert.StartsWith("fewer than two receivers were heard 10 times from their own zones", last.GetProperty("message").GetString());
        Assert.Equal("walk-20261201-090000", (await Get(g, "api/survey")).GetProperty("inForce").GetProperty("walk").GetString());
        Assert.Single((await Get(g, "api/events?limit=10000")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "receiver-offsets"); // the start's only
    }

    [Fact]
    public async Task The_files_of_a_walk_still_running_load_as_they_are_as_after_a_crash()
    {
        await using LiveGateway g = await Start();
        await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);
        await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.OK);
        JsonElement status = await Until(g, () => Hear(g, 101, r1: -60, r2: -80), "api/survey", s => Receiver(s, 1).GetProperty("readings").GetInt32() >= 4);
        string name = status.GetProperty("walk").GetProperty("name").GetString()!;
        string trace = Path.Combine(_dir, "survey", name + "-trace.csv");
        while (!File.Exists(trace))
        {
            Hear(g, 101, r1: -60, r2: -80); // the next tick writes them out
            await Task.Delay(100);
        }

        ScoredTrace read = ScoredTrace.Read(ScoringVenue.From(TestDrill.Venue()), trace, Path.Combine(_dir, "survey", name + "-truth.csv"));

        Assert.NotEmpty(read.Trace);
        Assert.All(read.Truth, s => Assert.Equal(1, s.Zone));
    }

    [Fact]
    public async Task Only_the_controller_walks_and_unknown_badges_zones_and_steps_out_of_turn_are_refused()
    {
        await using LiveGateway g = await Start(new GatewayOptions { Token = "controller-1", EvaluatorToken = "evaluator-1" });
        using var evaluator = new HttpClient { BaseAddress = g.Http.BaseAddress };
        evaluator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "evaluator-1");

        await Post(evaluator, "api/survey/start", """{"badge": 101}""", HttpStatusCode.Forbidden);
        await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.Conflict);
        await Post(g.Http, "api/survey/stop", "", HttpStatusCode.Conflict);
        await Post(g.Http, "api/survey/start", """{"badge": 999}""", HttpStatusCode.NotFound);
        await Post(g.Http, "api/survey/start", """{"badge": "101"}""", HttpStatusCode.BadRequest);
        await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);
        JsonElement second = await Post(g.Http, "api/survey/start", """{"badge": 102}""", HttpStatusCode.Conflict);
        await Post(evaluator, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.Forbidden);
        JsonElement unknownZone = await Post(g.Http, "api/survey/tap", """{"zone": 9}""", HttpStatusCode.NotFound);
        await Post(evaluator, "api/survey/stop", "", HttpStatusCode.Forbidden);
        JsonElement read = JsonDocument.Parse(await evaluator.GetStringAsync("api/survey")).RootElement;
        JsonElement stopped = await Post(g.Http, "api/survey/stop", "", HttpStatusCode.OK);

        Assert.Equal("a walk with badge 101 is running: stop it first", second.GetProperty("detail").GetString());
        Assert.Equal("no zone 9 in the venue", unknownZone.GetProperty("detail").GetString());
        Assert.Equal(101, read.GetProperty("walk").GetProperty("badge").GetInt32());
        Assert.False(stopped.GetProperty("last").GetProperty("applied").GetBoolean());
        Assert.StartsWith("no zone was tapped", stopped.GetProperty("last").GetProperty("message").GetString());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir, "survey")));
    }

    [Fact]
    public async Task Once_the_clock_runs_a_walk_is_refused_with_a_problem_saying_why_until_the_clock_is_stopped()
    {
        await using LiveGateway g = await Start();
        await Post(g.Http, "api/clock/start", """{"confirm": true}""", HttpStatusCode.OK);

        using var content = new StringContent("""{"badge": 101}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage refused = await g.Http.PostAsync("api/survey/start", content);
        JsonElement problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.Clone();
        JsonElement survey = await Get(g, "api/survey");
        JsonElement tap = await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.Conflict);
        await Post(g.Http, "api/clock/stop", "", HttpStatusCode.OK);
        JsonElement afterStop = await Get(g, "api/survey");
        JsonElement started = await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        string why = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("the drill is running (the exercise clock started at T0)", why);
        Assert.Equal(why, survey.GetProperty("startRefused").GetString());
        Assert.Equal(JsonValueKind.Null, survey.GetProperty("walk").ValueKind);
        Assert.Equal("no walk is running: " + why, tap.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, afterStop.GetProperty("startRefused").ValueKind);
        Assert.Equal(101, started.GetProperty("walk").GetProperty("badge").GetInt32());
    }

    [Fact]
    public async Task A_walk_running_at_T0_ends_there_and_its_offsets_apply_before_clock_started_is_recorded()
    {
        await using LiveGateway g = await Start();
        await Post(g.Http, "api/survey/start", """{"badge": 101}""", HttpStatusCode.OK);
        await Post(g.Http, "api/survey/tap", """{"zone": 1}""", HttpStatusCode.OK);
        await Until(g, () => Hear(g, 101, r1: -80, r2: -60), "api/survey", s => Receiver(s, 1).GetProperty("ownZone").GetInt32() >= 12);
        await Post(g.Http, "api/survey/tap", """{"zone": 2}""", HttpStatusCode.OK);
        await Until(g, () => Hear(g, 101, r1: -80, r2: -60), "api/survey", s => Receiver(s, 2).GetProperty("ownZone").GetInt32() >= 12);

        await Post(g.Http, "api/clock/start", """{"confirm": true}""", HttpStatusCode.OK);
        JsonElement survey = await Get(g, "api/survey");
        // Badge 102, heard as in the first test (R2 7 dB louder), is placed by the walk's offsets in zone 1.
        await Until(g, () => Hear(g, 102, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 102) == 1);
        string[] kinds = (await Get(g, "api/events?limit=10000")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()!).ToArray();

        Assert.Equal(JsonValueKind.Null, survey.GetProperty("walk").ValueKind);
        JsonElement last = survey.GetProperty("last");
        Assert.True(last.GetProperty("applied").GetBoolean(), last.ToString());
        Assert.StartsWith("stopped at T0 (the exercise clock started): applied from now on: R1 +10.0 dB, R2 -10.0 dB", last.GetProperty("message").GetString());
        Assert.Equal(last.GetProperty("walk").GetString(), survey.GetProperty("inForce").GetProperty("walk").GetString());
        Assert.True(File.Exists(last.GetProperty("trace").GetString()));
        Assert.Equal(Array.IndexOf(kinds, "clock-started") - 1, Array.IndexOf(kinds, "receiver-offsets"));
    }

    [Fact]
    public async Task A_restart_mid_drill_keeps_the_offsets_the_record_names_whatever_the_folder_holds()
    {
        string folder = WriteTeachingWalk("walk-20261201-090000");
        await using (LiveGateway first = await Start())
        {
            await Post(first.Http, "api/clock/start", """{"confirm": true}""", HttpStatusCode.OK);
        }

        // Before T0 this drops the offsets at the next start; mid-drill it must not.
        Directory.Move(folder, folder + "-moved");
        await using LiveGateway g = await Start();
        await Until(g, () => Hear(g, 102, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 102) == 1);
        JsonElement[] applied = (await Get(g, "api/events?limit=10000")).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "receiver-offsets").ToArray();

        Assert.StartsWith("the exercise clock is running: walk-20261201-090000 stays in force, as the record says (R1 +10.0 dB, R2 -10.0 dB;", g.Gateway.SurveyAtStart);
        Assert.Single(applied); // the first start's: nothing recorded anew
        Assert.Equal("walk-20261201-090000", (await Get(g, "api/survey")).GetProperty("inForce").GetProperty("walk").GetString());
    }

    [Fact]
    public async Task A_record_replayed_places_devices_with_its_walks_offsets_from_when_they_were_applied_as_live_did()
    {
        (string venuePath, string exercisePath) = TestDrill.WriteFiles(_dir, WallsUnlisted());
        WriteTeachingWalk("walk-20261201-090000");
        string record;
        int live;
        await using (LiveGateway g = await Start(new GatewayOptions { RecordRaw = true }, WallsUnlisted()))
        {
            // Heard as in the first test: R2 7 dB louder, so zone 1 only with the walk's offsets, applied at start;
            // then some seconds more of it, so the replay has decisions to take.
            await Until(g, () => Hear(g, 102, r1: -75, r2: -68), "api/roster", r => ZoneOf(r, 102) == 1);
            for (int i = 0; i < 30; i++)
            {
                Hear(g, 102, r1: -75, r2: -68);
                await Task.Delay(100);
            }

            live = ZoneOf(await Get(g, "api/roster"), 102);
            record = g.DbPath;
        }

        string replayed = Replay(record, venuePath, exercisePath);
        using (var connection = new SqliteConnection($"Data Source={record};Pooling=false"))
        {
            connection.Open();
            using SqliteCommand delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM events WHERE kind = 'receiver-offsets'";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }

        string withoutWalk = Replay(record, venuePath, exercisePath);

        Assert.Equal(1, live);
        Assert.Equal(live, ReplayedZone(replayed, 102));
        Assert.Contains("  offsets    walk-20261201-090000: receiver 1 +10.0 dB, receiver 2 -10.0 dB", replayed);
        Assert.Equal(2, ReplayedZone(withoutWalk, 102));
    }

    /// <summary>
    /// The test venue without its wall. These tests are of the walk's offsets, with levels made for the fit's one-wall
    /// rule: R2 7 dB louder than R1 is the library. The test venue's 8 dB wall between the corridor and the library,
    /// which the fit counts where a venue lists walls (docs/zones.md, "Position fit"), puts every library point at least
    /// 12 dB nearer R2 than R1, so a 7 dB lead fits elsewhere (the upper hall, the car park).
    /// </summary>
    private static JsonObject WallsUnlisted()
    {
        JsonObject venue = TestDrill.VenueJson();
        venue.Remove("walls");
        return venue;
    }

    private static string Replay(string record, string venuePath, string exercisePath)
    {
        var output = new StringWriter();
        Assert.Equal(0, ReplayCommand.Run(record, venuePath, exercisePath, 0, printEvents: false, output));
        return output.ToString();
    }

    private static int ReplayedZone(string replayed, int badge)
    {
        Match zone = Regex.Match(replayed, $@"officer    badge {badge} .*, zone (\d+)");
        Assert.True(zone.Success, replayed);
        return int.Parse(zone.Groups[1].Value);
    }

    /// <summary>A walk's two files in survey/ that teach R1 +10 dB and R2 -10 dB (R1 reads -80 in zone 1, R2 -60 in zone 2).</summary>
    private string WriteTeachingWalk(string name)
    {
        string folder = Path.Combine(_dir, "survey");
        Directory.CreateDirectory(folder);
        var trace = new StringBuilder("t_ms,receiver,device,rssi\n");
        var truth = new StringBuilder("t_ms,device,zone\n");
        for (int t = 0; t < 20_000; t += 100)
        {
            truth.Append($"{t},101,{(t < 10_000 ? 1 : 2)}\n");
            if (t % 500 == 0)
            {
                trace.Append($"{t},1,101,-80\n{t},2,101,-60\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, name + "-trace.csv"), trace.ToString());
        File.WriteAllText(Path.Combine(folder, name + "-truth.csv"), truth.ToString());
        return folder;
    }

    private Task<LiveGateway> Start(GatewayOptions? options = null, JsonObject? venueJson = null) =>
        LiveGateway.StartAsync(_dir, (options ?? new GatewayOptions()) with { VenueFolder = _dir },
            venueJson == null ? null : Beacons.Venue.VenueFile.Parse(venueJson.ToJsonString(), "venue.json"));

    /// <summary>One advert of <paramref name="badge"/>, heard by R1 and R2 at the RSSIs given.</summary>
    private void Hear(LiveGateway g, int badge, int r1, int r2)
    {
        byte[] frame = _air.Badge(badge, ++_counter);
        _sequence++;
        g.Send(Air.Datagram(1, _sequence, (frame, (sbyte)r1)));
        g.Send(Air.Datagram(2, _sequence, (frame, (sbyte)r2)));
    }

    private static JsonElement Receiver(JsonElement survey, int id) =>
        survey.GetProperty("walk").GetProperty("receivers").EnumerateArray().First(r => r.GetProperty("id").GetInt32() == id);

    private static int ZoneOf(JsonElement roster, int badge) =>
        roster.GetProperty("officers").EnumerateArray().First(o => o.GetProperty("badge").GetInt32() == badge).GetProperty("zone").GetInt32();

    private static async Task<JsonElement> Get(LiveGateway g, string path) => JsonDocument.Parse(await g.Http.GetStringAsync(path)).RootElement.Clone();

    private static async Task<JsonElement> Post(HttpClient http, string path, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path} {body}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a round of readings every 100 ms until <paramref name="path"/> holds (a hang guard, not a speed check).</summary>
    private static async Task<JsonElement> Until(LiveGateway g, Action send, string path, Func<JsonElement, bool> holds)
    {
        JsonElement last = default;
        for (int i = 0; i < 300; i++)
        {
            send();
            await Task.Delay(100);
            last = await Get(g, path);
            if (holds(last))
            {
                return last;
            }
        }

        throw new Xunit.Sdk.XunitException($"{path} never got there: {last}");
    }
}
