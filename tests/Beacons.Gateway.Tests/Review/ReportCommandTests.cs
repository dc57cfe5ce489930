using System.Net.Http.Json;
using System.Text.Json;
using Beacons.Gateway.CommandLine;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// `beacons report` end to end: the scripted drill written into a real SQLite record by the gateway's
/// own <see cref="EventStore"/> (with the venue and exercise the gateway keeps in it), or a record a real
/// gateway wrote, then the command run on that file alone.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "beacons-report-" + Guid.NewGuid().ToString("N"));
    private readonly string _venue;
    private readonly string _exercise;

    public ReportCommandTests()
    {
        (_venue, _exercise) = TestDrill.WriteFiles(_dir);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temporary folder is harmless
        }
    }

    [Fact]
    public void Writes_the_report_and_exports_from_a_real_record()
    {
        string db = Record(ScriptedDrill.Events());
        string output = Path.Combine(_dir, "out");

        // The record alone: no --venue, no --exercise.
        (int exit, string stdout, string stderr) = Report(db, "--out", output);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        foreach (string name in new[] { "report.html", "review.json", "timeline.csv", "figures.csv", "tracks.csv", "aar.md" })
        {
            Assert.True(new FileInfo(Path.Combine(output, name)).Length > 0, name);
        }

        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        foreach (string chart in new[] { "reference-chart", "zone-chart", "officer-chart", "casualty-chart" })
        {
            Assert.Contains($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{chart}\"", html);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.Contains("Medic C. Diaz", html);

        // What the command wrote is the fold of the record: the same review as from the events in memory
        // with the exercise file itself (keys and all), so the keyless copy the record keeps lost nothing.
        DrillReview expected = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), ScriptedDrill.Events());
        Assert.Equal(ReviewJson.Serialize(expected), File.ReadAllText(Path.Combine(output, "review.json")));

        // One timeline row per entry (plus the header), one figure row per key time and finding.
        Assert.Equal(expected.Timeline.Count + 1, File.ReadAllLines(Path.Combine(output, "timeline.csv")).Length);
        string figures = File.ReadAllText(Path.Combine(output, "figures.csv"));
        Assert.Contains("red-to-ccp,Casualty 1,152,2:32,268,4 min 28 s,,\"tagged red +2:32, at the CCP +7:00\"", figures);
        Assert.Contains("medic-in-hot-zone,Medic C. Diaz,120,2:00,80,1 min 20 s,,East corridor", figures);

        Assert.Contains("First officer entry", stdout);
        Assert.Contains("+0:30", stdout);
        Assert.Contains("1 medic(s) in a hot zone, 2 emergencies, 2 out-of-contact gap(s), 1 colour(s) changed after commit", stdout);
    }

    [Fact]
    public async Task Reports_a_record_a_real_gateway_wrote_from_the_record_alone()
    {
        string directory = LiveGateway.NewDirectory();
        var air = new Air();
        string servedVenue;
        string servedExercise;
        await using (LiveGateway g = await LiveGateway.StartAsync(directory))
        {
            servedVenue = await g.Http.GetStringAsync("api/venue");
            servedExercise = await g.Http.GetStringAsync("api/exercise");
            (await g.Http.PostAsJsonAsync("api/clock/start", new { confirm = true })).EnsureSuccessStatusCode();
            // Sgt. Ruiz's badge places itself in the East corridor (zone 1, inside the building).
            g.Send(Air.Datagram(1, 1, (air.Badge(101, 1, zone: 1), -60)));
            await WaitUntil(async () => (await g.Http.GetStringAsync("api/roster")).Contains("\"zoneName\":\"East corridor\""));
            (await g.Http.PostAsJsonAsync("api/annotations", new { type = "threat-neutralized", text = "Suspect down" })).EnsureSuccessStatusCode();
            (await g.Http.PostAsync("api/clock/stop", null)).EnsureSuccessStatusCode();
        }

        string db = Path.Combine(directory, "record.db");
        using (EventStore store = EventStore.Open(db))
        {
            // What the gateway served is what it kept, and the exercise's secrets are not in the record.
            Assert.Equal(servedVenue, store.VenueJson);
            Assert.Equal(servedExercise, store.ExerciseJson);
        }

        byte[] bytes = File.ReadAllBytes(db);
        foreach (string secret in new[] { TestDrill.ExerciseKey, TestDrill.ReceiverKey(1) })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret)));
        }

        string output = Path.Combine(directory, "out");
        (int exit, string stdout, string stderr) = Report(db, "--out", output);

        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Assert.Contains("exercise 42 \"Spring drill\" at Test school", stdout);
        DrillReview review = ReviewJson.Deserialize(File.ReadAllText(Path.Combine(output, "review.json")))!;
        KeyTime entry = review.KeyTimes.Single(k => k.Id == "first-officer-entry");
        Assert.NotNull(entry.AtMs);
        Assert.Contains("Sgt. A. Ruiz", entry.Detail);
        Assert.Equal("Suspect down", review.KeyTimes.Single(k => k.Id == "threat-neutralized").Detail);
        Assert.Equal(new[] { "Sgt. A. Ruiz", "Ofc. B. Lee", "Medic C. Diaz", "Lt. D. Okafor" }, review.Officers.Select(o => o.Name));
        Assert.Contains("Medic C. Diaz", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void A_record_that_keeps_no_files_needs_them_given()
    {
        string db = Record(ScriptedDrill.Events(), keepFiles: false);

        (int exit, string stdout, string stderr) = Report(db, "--out", Path.Combine(_dir, "none"));

        Assert.Equal(2, exit);
        Assert.Equal("beacons report: drill.db does not keep the drill's venue and exercise; give them: --venue FILE --exercise FILE", stderr.TrimEnd());
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(Path.Combine(_dir, "none")));

        // Given, the files do what the record cannot: the same review as with the kept ones.
        string output = Path.Combine(_dir, "given");
        Assert.Equal(0, Report(db, "--venue", _venue, "--exercise", _exercise, "--out", output).Exit);
        DrillReview expected = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), ScriptedDrill.Events());
        Assert.Equal(ReviewJson.Serialize(expected), File.ReadAllText(Path.Combine(output, "review.json")));
    }

    [Fact]
    public void Given_files_override_the_kept_ones()
    {
        string db = Record(ScriptedDrill.Events());
        var renamed = TestDrill.ExerciseJson();
        renamed["officers"]![0]!["name"] = "Sgt. A. Ruiz-Ortega";
        File.WriteAllText(_exercise, renamed.ToJsonString());
        string output = Path.Combine(_dir, "renamed");

        Assert.Equal(0, Report(db, "--exercise", _exercise, "--out", output).Exit);

        DrillReview review = ReviewJson.Deserialize(File.ReadAllText(Path.Combine(output, "review.json")))!;
        Assert.Equal("Sgt. A. Ruiz-Ortega", review.Officers.Single(o => o.Badge == 101).Name);
    }

    [Fact]
    public void The_command_line_without_out_writes_beside_the_record()
    {
        string db = Record(ScriptedDrill.Events());

        int exit = BeaconsCommandLine.Run(["report", db, "--run", "1", "--out-of-contact", "120"]);

        Assert.Equal(0, exit);
        DrillReview written = ReviewJson.Deserialize(File.ReadAllText(Path.Combine(_dir, "drill-review", "review.json")))!;

        // --out-of-contact 120: only 104's 150 s gap is left (102's open gap is 90 s).
        Assert.Equal(104, Assert.Single(written.Safety.OutOfContact).Badge);
        Assert.True(File.Exists(Path.Combine(_dir, "drill-review", "report.html")));
        Assert.Equal(2, BeaconsCommandLine.Run(["report", db, "--run", "0"]));
    }

    [Fact]
    public void A_missing_record_is_one_line_and_is_not_created()
    {
        string missing = Path.Combine(_dir, "nope.db");

        (int exit, _, string stderr) = Report(missing);

        Assert.Equal(1, exit);
        Assert.Equal($"beacons report: {missing}: no such file", stderr.TrimEnd());
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_record_of_another_exercise_is_refused()
    {
        List<DrillEvent> events = ScriptedDrill.Events();
        events[0] = events[0] with { Body = new ExerciseOpened(43, "Autumn drill", "Test school") };
        string db = Record(events, keepFiles: false);

        (int exit, _, string stderr) = Report(db, "--venue", _venue, "--exercise", _exercise);

        Assert.Equal(1, exit);
        Assert.Equal("beacons report: drill.db is the record of exercise 43 \"Autumn drill\", not of exercise 42 \"Spring drill\"", stderr.TrimEnd());
    }

    [Fact]
    public void A_file_that_is_not_a_record_is_one_line()
    {
        string db = Path.Combine(_dir, "notes.db");
        File.WriteAllText(db, "these are not the drill's events, just text that happens to be long enough to look like something");

        (int exit, _, string stderr) = Report(db);

        Assert.Equal(1, exit);
        Assert.StartsWith("beacons report: cannot open the record", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_empty_record_and_a_missing_run_are_one_line_each()
    {
        string empty = Record([], "empty.db");
        (int exit, _, string stderr) = Report(empty);
        Assert.Equal(1, exit);
        Assert.Equal("beacons report: the record holds no events", stderr.TrimEnd());

        string db = Record(ScriptedDrill.Events());
        (exit, _, stderr) = Report(db, "--run", "2");
        Assert.Equal(1, exit);
        Assert.Equal("beacons report: the exercise clock was started 1 time in this record; there is no run 2", stderr.TrimEnd());
    }

    [Fact]
    public void Given_venue_and_exercise_files_are_checked()
    {
        string db = Record(ScriptedDrill.Events());

        File.WriteAllText(_venue, "{ \"name\": \"broken\" }");
        (int exit, _, string stderr) = Report(db, "--venue", _venue, "--exercise", _exercise);
        Assert.Equal(1, exit);
        Assert.StartsWith("beacons report: ", stderr);
        // Every problem, one line each: no floors, no zones.
        Assert.Equal(["beacons report: venue.json: $.floors: missing (a l", "beacons report: venue.json: $.zones: missing (a li"], stderr.TrimEnd().Split('\n').Select(l => l[..50]));
    }

    [Fact]
    public void The_review_json_is_the_documented_shape()
    {
        string db = Record(ScriptedDrill.Events());
        string output = Path.Combine(_dir, "shape");
        Assert.Equal(0, Report(db, "--out", output).Exit);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "review.json")));
        JsonElement root = json.RootElement;
        foreach (string field in new[] { "drill", "keyTimes", "references", "zones", "officers", "casualties", "safety", "timeline" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        Assert.Equal(ScriptedDrill.T0, root.GetProperty("drill").GetProperty("t0Ms").GetInt64());
        Assert.Equal(4, root.GetProperty("officers").GetArrayLength());
        Assert.Equal("medicsInHotZones,emergencies,outOfContact,coloursChangedAfterCommit,notHeard,coverage", string.Join(",", root.GetProperty("safety").EnumerateObject().Select(p => p.Name)));
    }

    /// <summary>
    /// Writes the events into a new record through the gateway's store, and closes it; with
    /// <paramref name="keepFiles"/> the store also keeps the venue and exercise as the gateway does,
    /// without it the record is like those written before the gateway kept them.
    /// </summary>
    private string Record(IReadOnlyList<DrillEvent> events, string name = "drill.db", bool keepFiles = true)
    {
        string path = Path.Combine(_dir, name);
        using EventStore store = EventStore.Open(path);
        if (keepFiles)
        {
            store.KeepDrillFiles(VenueFile.Format(TestDrill.Venue()), ExerciseFile.FormatWithoutKeys(TestDrill.Exercise()));
        }

        if (events.Count > 0)
        {
            store.Append(events.Select(StoredEvent.Of).ToList(), null);
        }

        return path;
    }

    private static (int Exit, string Out, string Error) Report(string db, params string[] options)
    {
        string? venue = Option(options, "--venue");
        string? exercise = Option(options, "--exercise");
        string? output = Option(options, "--out");
        string? run = Option(options, "--run");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ReportCommand.Run(db, venue, exercise, output, new ReviewSettings { Run = run == null ? null : int.Parse(run) }, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 400 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition(), "the gateway did not get there in 20 s");
    }

    private static string? Option(string[] options, string name)
    {
        int i = Array.IndexOf(options, name);
        return i >= 0 ? options[i + 1] : null;
    }
}
