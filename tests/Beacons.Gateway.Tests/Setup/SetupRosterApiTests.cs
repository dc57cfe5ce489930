using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Configuration;
using Beacons.Gateway.Serving;
using Beacons.Gateway.Setup;
using Beacons.Gateway.Tests.Serving;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>
/// The Setup page's Roster, Devices and Start endpoints over real HTTP and a real folder: every key made by the
/// gateway and none in an answer; every bad input refused at its field or row with the file left as it was.
/// </summary>
public sealed class SetupRosterApiTests : IAsyncLifetime
{
    private const string OfficersCsv = """
        Name,Agency,Role,Badge ID
        "Ruiz, Ana",Metro PD,Contact,101
        Ben Lee,Metro PD,RTF officer,102
        Cam Diaz,County EMS,rtf-medic,103
        """;

    private LiveSetup _live = null!;

    private string Root => _live.Folder.Root;

    private SetupFolder Folder => _live.Folder;

    private RunningSetup Host => _live.Setup;

    private HttpClient Http => _live.Http;

    public async Task InitializeAsync() => _live = await LiveSetup.StartAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task A_roster_imported_from_csv_and_saved_makes_every_key_and_answers_none()
    {
        File.WriteAllText(Folder.VenuePath, TestDrill.VenueJson().ToJsonString());

        JsonObject imported = await Ok(await Http.PostAsJsonAsync("api/setup/roster/import", new { officers = new { file = "officers.csv", text = OfficersCsv }, tagCount = 2 }));
        Assert.Equal("""[{"badge":101,"name":"Ruiz, Ana","agency":"Metro PD","role":"contact"},{"badge":102,"name":"Ben Lee","agency":"Metro PD","role":"rtf-officer"},{"badge":103,"name":"Cam Diaz","agency":"County EMS","role":"rtf-medic"}]""", imported["officers"]!.ToJsonString());
        Assert.Equal("""[{"tag":501,"label":"Tag 501"},{"tag":502,"label":"Tag 502"}]""", imported["tags"]!.ToJsonString());
        Assert.False(Folder.HasExercise); // importing fills the table; only Save writes

        var table = new JsonObject { ["exerciseId"] = 7, ["name"] = "Night drill", ["officers"] = imported["officers"]!.DeepClone(), ["tags"] = imported["tags"]!.DeepClone() };
        HttpResponseMessage saved = await Http.PutAsync("api/setup/roster", Json(table));
        string answer = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.IsSuccessStatusCode, answer);

        Exercise exercise = ExerciseFile.Load(Folder.ExercisePath, TestDrill.Venue()); // loads as the gateway will
        Assert.Equal((7, "Night drill"), (exercise.ExerciseId, exercise.Name));
        Assert.Equal([101, 102, 103], exercise.Officers.Select(o => o.Badge));
        Assert.Equal([1, 2, 3], exercise.Receivers.Select(r => r.Id));
        foreach (string key in exercise.Receivers.Select(r => r.Key).Append(exercise.Key).Select(k => Convert.ToHexString(k.Span)))
        {
            Assert.DoesNotContain(key, answer, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("\"key\"", answer);
        Assert.DoesNotContain("\"key\"", await Http.GetStringAsync("api/setup/roster"));
    }

    [Fact]
    public async Task Saving_again_keeps_the_keys_so_devices_already_provisioned_stay_valid()
    {
        TestDrill.WriteFiles(Root);
        JsonObject roster = await Ok(await Http.GetAsync("api/setup/roster"));
        roster.Remove("roles");
        roster.Remove("problems");
        JsonObject table = roster["exercise"]!.AsObject().DeepClone().AsObject();
        table["officers"] = roster["officers"]!.DeepClone();
        table["tags"] = roster["tags"]!.DeepClone();
        table["officers"]!.AsArray().RemoveAt(0);
        table["key"] = "ffffffffffffffffffffffffffffffff"; // the page cannot set a key: ignored

        Assert.True((await Http.PutAsync("api/setup/roster", Json(table))).IsSuccessStatusCode);

        Exercise after = ExerciseFile.Load(Folder.ExercisePath, TestDrill.Venue());
        Exercise before = TestDrill.Exercise();
        Assert.Equal(Convert.ToHexString(before.Key.Span), Convert.ToHexString(after.Key.Span));
        Assert.Equal(before.Receivers.Select(r => Convert.ToHexString(r.Key.Span)), after.Receivers.Select(r => Convert.ToHexString(r.Key.Span)));
        Assert.Equal([102, 103, 104], after.Officers.Select(o => o.Badge));
    }

    [Theory]
    [InlineData("Name,Agency,Badge ID\nAna,Metro PD,101\n", "row 1", "missing column \"role\"")]
    [InlineData("Name,Role,Badge ID\nAna,contact,101\nBen,contact,102\nCam,contact,101\n", "row 4", "duplicate badge ID 101 (row 2 has it too)")]
    [InlineData("Name,Role,Badge ID\nAna,sniper,101\n", "row 2", "unknown role \"sniper\"")]
    [InlineData("Name,Role,Badge ID\nAna,contact,70000\n", "row 2", "the badge ID must be a whole number from 1 to 65535, not \"70000\"")]
    public async Task A_bad_sheet_is_refused_at_its_row_and_nothing_changes(string csv, string row, string problem)
    {
        TestDrill.WriteFiles(Root);
        byte[] before = File.ReadAllBytes(Folder.ExercisePath);

        HttpResponseMessage response = await Http.PostAsJsonAsync("api/setup/roster/import", new { officers = new { file = "officers.csv", text = csv } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        JsonNode found = Assert.Single(body["problems"]!.AsArray())!;
        Assert.Equal(("officers.csv", row), (found["file"]!.GetValue<string>(), found["path"]!.GetValue<string>()));
        Assert.StartsWith(problem, found["problem"]!.GetValue<string>());
        Assert.Equal(before, File.ReadAllBytes(Folder.ExercisePath));
    }

    [Fact]
    public async Task A_bad_table_is_refused_at_each_cell_and_the_file_is_left_as_it_was()
    {
        TestDrill.WriteFiles(Root);
        byte[] before = File.ReadAllBytes(Folder.ExercisePath);
        JsonObject table = JsonNode.Parse("""
            { "exerciseId": 70000, "name": "Drill",
              "officers": [ { "badge": 101, "name": "Ana", "agency": "", "role": "contact" },
                            { "badge": 102, "name": "Ben", "agency": "", "role": "sniper" },
                            { "badge": 101, "name": "Cam", "agency": "", "role": "command" },
                            { "badge": "1o4", "name": "Dee", "agency": "", "role": "command" } ],
              "tags": [ { "tag": 0 } ] }
            """)!.AsObject();

        HttpResponseMessage response = await Http.PutAsync("api/setup/roster", Json(table));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(
            ["$.exerciseId", "$.officers[1].role", "$.officers[2].badge", "$.officers[3].badge", "$.tags[0].tag"],
            body["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).Order());
        Assert.Contains("duplicate badge ID 101", body["problems"]!.ToJsonString());
        Assert.Equal(before, File.ReadAllBytes(Folder.ExercisePath));

        HttpResponseMessage zero = await Http.PutAsync("api/setup/roster", Json(JsonNode.Parse("""{ "exerciseId": 0, "name": "Drill", "officers": [], "tags": [] }""")!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, zero.StatusCode);
        Assert.Contains("$.exerciseId", await zero.Content.ReadAsStringAsync());
        Assert.Equal(before, File.ReadAllBytes(Folder.ExercisePath));
        Assert.Empty(Directory.GetFiles(Root, "*.tmp"));
    }

    [Fact]
    public async Task An_exercise_file_that_does_not_load_is_shown_with_its_problems_and_never_saved_over()
    {
        TestDrill.WriteFiles(Root);
        JsonObject broken = TestDrill.ExerciseJson();
        broken["officers"]![0]!["role"] = "sniper";
        File.WriteAllText(Folder.ExercisePath, broken.ToJsonString());
        byte[] before = File.ReadAllBytes(Folder.ExercisePath);

        JsonObject roster = await Ok(await Http.GetAsync("api/setup/roster"));
        Assert.Contains("$.officers[0].role", roster["problems"]!.ToJsonString());
        Assert.Null(roster["exercise"]);

        HttpResponseMessage saved = await Http.PutAsync("api/setup/roster", Json(JsonNode.Parse("""{ "exerciseId": 42, "name": "Drill", "officers": [], "tags": [] }""")!));

        Assert.Equal(HttpStatusCode.Conflict, saved.StatusCode); // its keys may be on devices already
        Assert.Equal(before, File.ReadAllBytes(Folder.ExercisePath));
    }

    [Fact]
    public async Task The_devices_step_says_what_to_do_first()
    {
        JsonObject empty = await Ok(await Http.GetAsync("api/setup/devices"));
        Assert.False(empty["ready"]!.GetValue<bool>());
        Assert.Contains("draw the plan", empty["todo"]!.GetValue<string>());

        File.WriteAllText(Folder.VenuePath, TestDrill.VenueJson().ToJsonString());
        JsonObject noRoster = await Ok(await Http.GetAsync("api/setup/devices"));
        Assert.Contains("no roster yet", noRoster["todo"]!.GetValue<string>());

        HttpResponseMessage bundle = await Http.GetAsync("api/setup/bundle?wifiSsid=Drill%20Net&gateway=192.168.4.10");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bundle.StatusCode);
        Assert.Contains("no roster yet", (await bundle.Content.ReadFromJsonAsync<JsonObject>())!["todo"]!.GetValue<string>());

        JsonObject venue = TestDrill.VenueJson();
        venue["zones"]![1]!["outline"] = new JsonArray(new JsonArray(20, 0), new JsonArray(40, 10), new JsonArray(40, 0), new JsonArray(20, 10));
        File.WriteAllText(Folder.VenuePath, venue.ToJsonString());
        JsonObject badVenue = await Ok(await Http.GetAsync("api/setup/devices"));
        Assert.Contains("venue does not load", badVenue["todo"]!.GetValue<string>());
        Assert.Contains("$.zones[1].outline", badVenue["problems"]!.ToJsonString());
    }

    [Fact]
    public async Task The_download_is_the_zip_beacons_provision_writes_with_the_password_from_its_header()
    {
        TestDrill.WriteFiles(Root);
        JsonObject devices = await Ok(await Http.GetAsync("api/setup/devices"));
        Assert.True(devices["ready"]!.GetValue<bool>(), devices.ToJsonString());
        Assert.Equal((4, 3, 1, 3), (devices["badges"]!.GetValue<int>(), devices["tags"]!.GetValue<int>(), devices["anchors"]!.GetValue<int>(), devices["receivers"]!.GetValue<int>()));

        HttpResponseMessage refused = await Http.GetAsync("api/setup/bundle?gateway=gateway.local&gatewayPort=4780x");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["gateway", "gatewayPort", "wifiSsid"], (await refused.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).Order());

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/setup/bundle?wifiSsid=Drill%20Net&gateway=192.168.4.10&locate=true");
        request.Headers.Add(SetupRosterApi.WifiPasswordHeader, "secret pw");
        HttpResponseMessage response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("devices-exercise-42.zip", response.Content.Headers.ContentDisposition!.FileName);

        string cli = Path.Combine(Root, "cli.zip");
        var site = new Beacons.Provision.Site("Drill Net", "secret pw", "192.168.4.10", 47800);
        Assert.Equal(0, Beacons.Gateway.CommandLine.ProvisionCommand.Run(new Beacons.Provision.ProvisionRequest(Folder.ExercisePath, Folder.VenuePath, site, [], null, Locate: true), cli, TextWriter.Null, TextWriter.Null));
        using var fromPage = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using ZipArchive fromCli = ZipFile.OpenRead(cli);
        Assert.Equal(fromCli.Entries.Select(e => (e.FullName, Read(e))), fromPage.Entries.Select(e => (e.FullName, Read(e))));
        Assert.Contains("wifi.password=secret pw", Read(fromPage.GetEntry("receiver-1.conf")!));
        Assert.True(ConfigurationParser.Parse(Read(fromPage.GetEntry("badge-101.conf")!)).IsValid);

        string labels = await Http.GetStringAsync("api/setup/labels");
        Assert.Equal(7, labels.Split("<div class=\"label\" ").Length - 1); // 4 badges, 3 tags
    }

    [Fact]
    public async Task A_receiver_placed_after_the_roster_was_saved_gets_its_key_before_the_download_and_the_start()
    {
        TestDrill.WriteFiles(Root);
        JsonObject venue = TestDrill.VenueJson();
        venue["receivers"]!.AsArray().Add(new JsonObject { ["id"] = 4, ["zone"] = 4, ["position"] = new JsonArray(5, 5) });
        File.WriteAllText(Folder.VenuePath, venue.ToJsonString());

        Assert.True((await Ok(await Http.GetAsync("api/setup/devices")))["ready"]!.GetValue<bool>());
        Assert.Throws<ConfigFileException>(() => ExerciseFile.Load(Folder.ExercisePath, VenueFile.Load(Folder.VenuePath))); // a GET writes nothing

        HttpResponseMessage start = await Http.PostAsync("api/setup/start", Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("/", (await start.Content.ReadFromJsonAsync<JsonObject>())!["dashboard"]!.GetValue<string>());
        Assert.True(Host.Handover.Requested.IsCompleted);
        Exercise exercise = ExerciseFile.Load(Folder.ExercisePath, VenueFile.Load(Folder.VenuePath));
        Assert.Equal([1, 2, 3, 4], exercise.Receivers.Select(r => r.Id));
        Assert.Equal(TestDrill.ReceiverKey(1), Convert.ToHexString(exercise.Receivers[0].Key.Span).ToLowerInvariant());
    }

    [Fact]
    public async Task The_drill_does_not_start_before_both_files_load()
    {
        File.WriteAllText(Folder.VenuePath, TestDrill.VenueJson().ToJsonString());

        HttpResponseMessage start = await Http.PostAsync("api/setup/start", Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, start.StatusCode);
        Assert.Contains("no roster yet", (await start.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.False(Host.Handover.Requested.IsCompleted);
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> Ok(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
