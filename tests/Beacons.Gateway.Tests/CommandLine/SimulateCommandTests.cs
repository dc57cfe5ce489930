using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>
/// `beacons simulate` against the real gateway: every device of the files switched on, standing, and the readiness
/// board (GET /api/readiness) fills to "ready N of N" from nothing but the simulator's real datagrams.
/// </summary>
public class SimulateCommandTests
{
    // One floor, three zones a receiver each, one anchor: everything within earshot of a receiver.
    private static JsonObject Venue() => JsonNode.Parse("""
        {
          "name": "Small school",
          "floors": [ { "id": 0, "name": "Ground", "width": 40, "height": 12 } ],
          "zones": [
            { "id": 1, "name": "Hall", "floor": 0, "outline": [[0,0],[15,0],[15,12],[0,12]], "status": "hot" },
            { "id": 2, "name": "Staging", "floor": 0, "outline": [[15,0],[28,0],[28,12],[15,12]], "status": "cold" },
            { "id": 3, "name": "CCP", "floor": 0, "outline": [[28,0],[40,0],[40,12],[28,12]], "status": "cold", "ccp": true, "outside": true }
          ],
          "receivers": [
            { "id": 1, "name": "R1", "zone": 1, "position": [7, 6] },
            { "id": 2, "name": "R2", "zone": 2, "position": [21, 6] },
            { "id": 3, "name": "R3", "zone": 3, "position": [34, 6] }
          ],
          "anchors": [ { "id": 900, "zone": 1, "position": [10, 6], "rssiAt1m": -60 } ]
        }
        """)!.AsObject();

    private static JsonObject Exercise()
    {
        JsonObject exercise = TestDrill.ExerciseJson();
        exercise["tags"] = JsonNode.Parse("""[ { "tag": 501, "label": "Casualty 1" }, { "tag": 502 } ]""");
        return exercise;
    }

    [Fact]
    public async Task Every_device_of_the_files_switched_on_fills_the_readiness_board()
    {
        string folder = Directory.CreateTempSubdirectory("beacons-simulate-").FullName;
        (string venue, string exercise) = Write(folder, Venue(), Exercise());
        using BeaconsProcess gateway = BeaconsProcess.Start(folder, ["gateway", "--venue", venue, "--exercise", exercise, "--urls", "http://127.0.0.1:0", "--udp-port", "0"]);
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        Assert.Equal(0, await ReadyAsync(http)); // nothing is on yet

        using BeaconsProcess devices = BeaconsProcess.Start(folder, ["simulate", "--venue", venue, "--exercise", exercise, "--udp-port", gateway.UdpPort.ToString()]);
        int ready = 0, total = -1;
        string missing = "";
        // Receivers send a heartbeat every 10 s and devices advertise every second or so: give it far longer.
        for (int attempt = 0; attempt < 120 && ready != total; attempt++)
        {
            await Task.Delay(500);
            using JsonDocument board = JsonDocument.Parse(await http.GetStringAsync("api/readiness"));
            ready = board.RootElement.GetProperty("ready").GetInt32();
            total = board.RootElement.GetProperty("total").GetInt32();
            missing = string.Join("; ", board.RootElement.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        }

        // 3 receivers, 1 anchor, 4 badges, 2 tags.
        Assert.True(ready == 10 && total == 10, $"ready {ready} of {total}; missing: {missing}\n{devices.Output}");
        Assert.Equal(0, devices.Interrupt());
        Assert.Contains("4 badges, 2 tags, 1 anchors and 3 receivers", devices.Output);
        Assert.Matches(@"switched off; [1-9]\d* datagrams sent, 0 could not be sent", devices.Output);
    }

    [Fact]
    public void Bad_files_get_every_problem_one_per_line()
    {
        string folder = Directory.CreateTempSubdirectory("beacons-simulate-").FullName;
        JsonObject venue = Venue();
        JsonEdit.Apply(venue, "$.zones[0].floor=7");
        JsonEdit.Apply(venue, "$.receivers[1].zone=99");
        (string venuePath, string exercisePath) = Write(folder, venue, Exercise());

        (int exit, _, string error) = BeaconsProcess.Run(folder, "simulate", "--venue", venuePath, "--exercise", exercisePath);

        Assert.Equal(1, exit);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, error);
        Assert.All(lines, line => Assert.StartsWith("beacons simulate: venue.json: $.", line));
        Assert.Contains(lines, line => line.Contains("$.zones[0].floor"));
        Assert.Contains(lines, line => line.Contains("$.receivers[1].zone"));
    }

    private static async Task<int> ReadyAsync(HttpClient http)
    {
        using JsonDocument board = JsonDocument.Parse(await http.GetStringAsync("api/readiness"));
        return board.RootElement.GetProperty("ready").GetInt32();
    }

    private static (string Venue, string Exercise) Write(string folder, JsonObject venue, JsonObject exercise)
    {
        string venuePath = Path.Combine(folder, "venue.json");
        string exercisePath = Path.Combine(folder, "exercise.json");
        File.WriteAllText(venuePath, venue.ToJsonString());
        File.WriteAllText(exercisePath, exercise.ToJsonString());
        return (venuePath, exercisePath);
    }
}
