using System.Net.Http.Json;
using System.Text.Json;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>
/// The README's first command: `beacons` alone runs the gateway with a simulated drill. This runs the real
/// program and watches the drill arrive through the gateway's own API: the simulator's datagrams place
/// officers, and its controller actions (T0) land in the record.
/// </summary>
public class DemoCommandTests
{
    [Fact]
    public async Task BeaconsAloneRunsAGatewayFedByASimulatedDrill()
    {
        string folder = Directory.CreateTempSubdirectory("beacons-demo-").FullName;
        using BeaconsProcess demo = BeaconsProcess.Start(folder, ["--speed", "30", "--urls", "http://127.0.0.1:0", "--udp-port", "0"]);
        using var http = new HttpClient { BaseAddress = new Uri(demo.Url) };
        bool clockStarted = false;
        bool officerInside = false;
        // The contact team enters about three drill minutes after T0: six seconds at 30x. Give it far longer.
        for (int attempt = 0; attempt < 240 && !(clockStarted && officerInside); attempt++)
        {
            await Task.Delay(500);
            using JsonDocument roster = JsonDocument.Parse(await http.GetStringAsync("api/roster"));
            clockStarted = roster.RootElement.GetProperty("clock").ValueKind == JsonValueKind.Object
                && roster.RootElement.GetProperty("clock").GetProperty("startedAtMs").ValueKind == JsonValueKind.Number;
            var outside = roster.RootElement.GetProperty("zones").EnumerateArray()
                .Where(z => z.GetProperty("outside").GetBoolean()).Select(z => z.GetProperty("id").GetInt32()).ToHashSet();
            officerInside = roster.RootElement.GetProperty("officers").EnumerateArray()
                .Any(o => o.GetProperty("zone").GetInt32() is int zone && zone != 0 && !outside.Contains(zone));
        }

        Assert.True(clockStarted, "the simulated controller never started the clock");
        Assert.True(officerInside, "no officer was ever placed inside the building");
        Assert.Single(Directory.GetFiles(Path.Combine(folder, "data", "Beacons", "drills"), "demo-*.db"));
    }
}
