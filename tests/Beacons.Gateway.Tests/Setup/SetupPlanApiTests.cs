using System.Net;
using System.Text.Json.Nodes;
using Beacons.Testing;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>The Plan step's API over real HTTP and a real folder: uploads checked by their bytes, every problem at its field, atomic saves.</summary>
public class SetupPlanApiTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR4nGP8z8DwnwEIGBlhAAAl/AP+Mqrn9wAAAABJRU5ErkJggg==");

    private static string Upload(byte[] bytes) => new JsonObject { ["data"] = Convert.ToBase64String(bytes) }.ToJsonString();

    [Fact]
    public async Task A_plan_is_taken_by_its_bytes_and_stored_as_the_floor_s_file()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync();

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Post, "api/setup/floors/2/plan", Upload(Png));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject answer = await LiveSetup.JsonOf(response);
        Assert.Equal("plans/floor-2.png", (string)answer["image"]!);
        Assert.Equal((2.0, 3.0), ((double)answer["width"]!, (double)answer["height"]!));
        Assert.Equal(Png, File.ReadAllBytes(Path.Combine(setup.Folder.Root, "plans", "floor-2.png")));
        HttpResponseMessage image = await setup.Http.GetAsync("api/setup/image?path=plans/floor-2.png");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("this is not an image", "not a floor plan image")]
    [InlineData("%PDF-1.7 ...", "export the floor's page as a PNG")]
    [InlineData("<html><body>plan</body></html>", "not an <svg> drawing")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>""", "holds a script")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect onclick="x()" width="1" height="1"/></svg>""", "event handler")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><foreignObject/></svg>""", "foreign content")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" width="10" height="10"><image x:href="http://example.com/a.png"/></svg>""", "refers to something outside it")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>rect { fill: url(http://example.com/x) }</style><rect/></svg>""", "style that loads")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>""", "gives no size")]
    public async Task Anything_but_a_plain_image_is_refused_at_the_upload_field_and_nothing_is_stored(string content, string problem)
    {
        await using LiveSetup setup = await LiveSetup.StartAsync();

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Post, "api/setup/floors/0/plan", Upload(System.Text.Encoding.UTF8.GetBytes(content)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonObject answer = await LiveSetup.JsonOf(response);
        JsonObject field = Assert.Single(answer["problems"]!.AsArray())!.AsObject();
        Assert.Equal("image", (string)field["path"]!);
        Assert.Contains(problem, (string)field["problem"]!);
        Assert.False(Directory.Exists(setup.Folder.PlansPath) && Directory.EnumerateFiles(setup.Folder.PlansPath).Any());
    }

    [Fact]
    public async Task A_plain_svg_with_inner_references_is_taken_with_its_size()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync();
        string svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 800 400">
              <defs><pattern id="p" width="4" height="4"/></defs><style>.w { fill: url(#p) }</style>
              <rect class="w" width="800" height="400"/><use xlink:href="#p"/>
            </svg>
            """;

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Post, "api/setup/floors/1/plan", Upload(System.Text.Encoding.UTF8.GetBytes(svg)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject answer = await LiveSetup.JsonOf(response);
        Assert.Equal(("plans/floor-1.svg", 800.0, 400.0), ((string)answer["image"]!, (double)answer["width"]!, (double)answer["height"]!));
    }

    [Fact]
    public async Task The_check_lists_every_problem_at_its_field_and_the_coverage_warnings_when_it_loads()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync();
        JsonObject venue = TestDrill.VenueJson();
        JsonEdit.Apply(venue, "$.floors[1].width=0");                              // a scale of zero
        JsonEdit.Apply(venue, "$.zones[0].outline=[[0,0],[20,10],[20,0],[0,10]]"); // crosses itself
        JsonEdit.Apply(venue, "$.zones[3].outline=[[25,2],[35,2],[35,8],[25,8]]");
        JsonEdit.Apply(venue, "$.zones[3].floor=0");                               // now inside zone 2 (the library)

        JsonObject check = await LiveSetup.JsonOf(await setup.SendJsonAsync(HttpMethod.Post, "api/setup/venue/check", venue.ToJsonString()));

        Assert.False((bool)check["loads"]!);
        var problems = check["problems"]!.AsArray().Select(p => ((string)p!["path"]!, (string)p["problem"]!)).ToList();
        Assert.Contains(problems, p => p.Item1 == "$.floors[1].width" && p.Item2.Contains("out of"));
        Assert.Contains(problems, p => p.Item1 == "$.zones[0].outline" && p.Item2.Contains("crosses itself"));
        Assert.Contains(problems, p => p.Item1 == "$.zones[3].outline" && p.Item2.Contains("overlaps zone 2"));

        JsonObject fine = await LiveSetup.JsonOf(await setup.SendJsonAsync(HttpMethod.Post, "api/setup/venue/check", TestDrill.VenueJson().ToJsonString()));
        Assert.True((bool)fine["loads"]!);
        Assert.Empty(fine["problems"]!.AsArray());
        // The test venue's upper hall has no receiver: a warning that says why it matters.
        Assert.Contains(fine["warnings"]!.AsArray(), w => (int)w!["zone"]! == 4 && ((string)w["message"]!).Length > 30);
    }

    [Fact]
    public async Task A_refused_save_leaves_the_file_as_it_was_and_says_every_problem()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync(folder => TestDrill.WriteFiles(folder));
        byte[] before = File.ReadAllBytes(setup.Folder.VenuePath);
        byte[] exerciseBefore = File.ReadAllBytes(setup.Folder.ExercisePath);
        JsonObject venue = TestDrill.VenueJson();
        JsonEdit.Apply(venue, "$.zones[1].outline=[[10,2],[30,2],[30,8],[10,8]]");
        JsonEdit.Apply(venue, "$.receivers[2]=null");

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Put, "api/setup/venue", venue.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        JsonObject answer = await LiveSetup.JsonOf(response);
        Assert.Contains("nothing was saved", (string)answer["detail"]!);
        Assert.Equal(2, answer["problems"]!.AsArray().Count);
        Assert.Equal(before, File.ReadAllBytes(setup.Folder.VenuePath));
        Assert.Equal(exerciseBefore, File.ReadAllBytes(setup.Folder.ExercisePath));
    }

    [Fact]
    public async Task A_hand_written_venue_opens_and_saves_back_as_the_same_venue_with_nothing_left_beside_it()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync(folder => TestDrill.WriteFiles(folder));
        Beacons.Venue.Venue handWritten = VenueFile.Load(setup.Folder.VenuePath);

        JsonObject opened = await LiveSetup.JsonOf(await setup.Http.GetAsync("api/setup/venue"));
        HttpResponseMessage saved = await setup.SendJsonAsync(HttpMethod.Put, "api/setup/venue", opened["venue"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(VenueFile.Format(handWritten), VenueFile.Format(VenueFile.Load(setup.Folder.VenuePath)));
        Assert.Equal(["exercise.json", "venue.json"], Directory.EnumerateFileSystemEntries(setup.Folder.Root).Select(Path.GetFileName).Order());
        // Reloading shows what was saved.
        JsonObject again = await LiveSetup.JsonOf(await setup.Http.GetAsync("api/setup/venue"));
        Assert.Equal(File.ReadAllText(setup.Folder.VenuePath), VenueFile.Format(VenueFile.Parse(again["venue"]!.ToJsonString(), "again.json")));
    }

    [Fact]
    public async Task Saving_brings_the_exercise_s_receiver_keys_in_line_and_no_key_leaves_the_gateway()
    {
        await using LiveSetup setup = await LiveSetup.StartAsync(folder => TestDrill.WriteFiles(folder));
        JsonObject venue = TestDrill.VenueJson();
        JsonEdit.Apply(venue, "$.receivers[2]={\"id\":7,\"zone\":4,\"position\":[10,5]}"); // receiver 3 goes, 7 comes

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Put, "api/setup/venue", venue.ToJsonString());

        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(TestDrill.ReceiverKeyPrefix, text, StringComparison.OrdinalIgnoreCase);
        JsonObject answer = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(("updated", 1, 1), ((string)answer["exercise"]!, (int)answer["keysMade"]!, (int)answer["keysDropped"]!));
        Beacons.Venue.Venue saved = VenueFile.Load(setup.Folder.VenuePath);
        Exercise exercise = ExerciseFile.Load(setup.Folder.ExercisePath, saved);
        Assert.Equal([1, 2, 7], exercise.Receivers.Select(r => r.Id).Order());
        Assert.Equal(TestDrill.ReceiverKey(1), Convert.ToHexStringLower(exercise.FindReceiver(1)!.Key.ToArray()));
        Assert.Equal(TestDrill.Exercise().Officers.Count, exercise.Officers.Count);
    }

    [Fact]
    public async Task A_save_that_cannot_be_written_leaves_the_old_file_whole()
    {
        string parent = Path.Combine(Path.GetTempPath(), "beacons-setup-disk-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(parent);
        using SmallDisk disk = SmallDisk.Mount(parent);
        await using LiveSetup setup = await LiveSetup.StartAsync(folder => TestDrill.WriteFiles(folder), folder: Path.Combine(disk.Path, "drill"));
        byte[] before = File.ReadAllBytes(setup.Folder.VenuePath);
        disk.Fill();
        JsonObject venue = TestDrill.VenueJson();
        JsonEdit.Apply(venue, "$.name=\"Renamed school\"");

        HttpResponseMessage response = await setup.SendJsonAsync(HttpMethod.Put, "api/setup/venue", venue.ToJsonString());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("nothing was saved", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, File.ReadAllBytes(setup.Folder.VenuePath));
        Assert.Equal(["exercise.json", "venue.json"], Directory.EnumerateFileSystemEntries(setup.Folder.Root).Select(Path.GetFileName).Order());
        disk.Free();
        Assert.Equal(HttpStatusCode.OK, (await setup.SendJsonAsync(HttpMethod.Put, "api/setup/venue", venue.ToJsonString())).StatusCode);
        Assert.Equal("Renamed school", VenueFile.Load(setup.Folder.VenuePath).Name);
    }

    [Fact]
    public async Task The_address_opens_the_setup_page_and_beyond_loopback_the_api_wants_the_token()
    {
        await using LiveSetup open = await LiveSetup.StartAsync();
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = open.Http.BaseAddress };
        HttpResponseMessage root = await noRedirect.GetAsync("/");
        Assert.Equal("/setup.html", root.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await noRedirect.GetAsync("api/setup/status")).StatusCode);

        await using LiveSetup guarded = await LiveSetup.StartAsync(token: "s3cret");
        using var anonymous = new HttpClient { BaseAddress = guarded.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/setup/venue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guarded.Http.GetAsync("api/setup/venue")).StatusCode);
    }
}
