using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacons.Gateway.Serving;

namespace Beacons.Gateway.Tests.Review;

/// <summary>The review endpoints on a real running gateway (real record file, real HTTP), driven by controller actions.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "beacons-review-api-" + Guid.NewGuid().ToString("N"));
    private RunningGateway _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _gateway = await GatewayApp.StartAsync(TestDrill.Venue(), TestDrill.Exercise(), new GatewayOptions
        {
            DbPath = Path.Combine(_dir, "drill.db"),
            UdpPort = 0,
            UdpAddress = IPAddress.Loopback,
            Urls = "http://127.0.0.1:0",
        });
        _http = new HttpClient { BaseAddress = new Uri(_gateway.Urls[0]) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
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
    public async Task The_review_follows_what_the_controllers_did()
    {
        await Post("/api/clock/start", new { confirm = true });
        await Post("/api/zones/1/status", new { status = "warm" });
        await Post("/api/annotations", new { type = "threat-neutralized", text = "Suspect down" });

        using JsonDocument review = JsonDocument.Parse(await _http.GetStringAsync("/api/review"));
        JsonElement root = review.RootElement;
        Assert.True(root.GetProperty("drill").GetProperty("clockStarted").GetBoolean());
        JsonElement threat = root.GetProperty("keyTimes").EnumerateArray().Single(k => k.GetProperty("id").GetString() == "threat-neutralized");
        Assert.Equal("Suspect down", threat.GetProperty("detail").GetString());
        Assert.True(threat.GetProperty("sinceT0Ms").GetInt64() >= 0);
        JsonElement corridor = root.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("id").GetInt32() == 1);
        Assert.Equal("warm", corridor.GetProperty("changes")[0].GetProperty("status").GetString());

        HttpResponseMessage html = await _http.GetAsync("/api/review/report.html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        string page = await html.Content.ReadAsStringAsync();
        Assert.Contains("id=\"zone-chart\"", page);
        Assert.Contains("Suspect down", page);

        string timeline = await _http.GetStringAsync("/api/review/timeline.csv");
        Assert.Contains("zone-status", timeline);
        Assert.Contains("East corridor: hot to warm", timeline);
        Assert.StartsWith("figure,", await _http.GetStringAsync("/api/review/figures.csv"));

        // A later action shows in the next review (the cached one is for an older last event).
        await Post("/api/clock/stop", null);
        using JsonDocument after = JsonDocument.Parse(await _http.GetStringAsync("/api/review"));
        Assert.True(after.RootElement.GetProperty("drill").GetProperty("clockStopped").GetBoolean());
    }

    [Fact]
    public async Task An_observation_can_name_an_objective()
    {
        await Post("/api/clock/start", new { confirm = true });
        await Post("/api/annotations", new { type = "observation", text = "Entry team waited for cover", objective = "Rapid entry" });
        HttpResponseMessage blank = await _http.PostAsJsonAsync("/api/annotations", new { type = "observation", text = "x", objective = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        using JsonDocument review = JsonDocument.Parse(await _http.GetStringAsync("/api/review"));
        JsonElement observation = Assert.Single(review.RootElement.GetProperty("observations").EnumerateArray());
        Assert.Equal(("Entry team waited for cover", "Rapid entry"), (observation.GetProperty("text").GetString(), observation.GetProperty("objective").GetString()));
    }

    [Fact]
    public async Task A_bad_or_missing_run_is_an_error_in_json()
    {
        await Post("/api/clock/start", new { confirm = true });

        HttpResponseMessage missing = await _http.GetAsync("/api/review?run=2");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("there is no run 2", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        HttpResponseMessage bad = await _http.GetAsync("/api/review?run=first");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/api/review?run=1")).StatusCode);
    }

    private async Task Post(string path, object? body)
    {
        HttpResponseMessage response = body == null ? await _http.PostAsync(path, null) : await _http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
