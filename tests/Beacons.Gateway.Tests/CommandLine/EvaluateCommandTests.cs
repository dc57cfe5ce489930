using System.Text;
using System.Text.Json;
using Beacons.Gateway.CommandLine;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>`beacons evaluate` end to end on small hand-made files in the test venue (receivers 1-3 in zones 1-3).</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private const string GoodTrace = "t_ms,receiver,device,rssi\n100,1,5,-60\n200,2,5,-80\n";
    private const string GoodTruth = "t_ms,device,zone\n0,5,1\n100,5,1\n200,5,1\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("beacons-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_has_ours_and_every_baseline_with_the_documented_keys()
    {
        // Zone 1 for 10 s, heard loudest by R1, then zone 2 for 10 s, heard loudest by R2; four readings a second.
        var trace = new StringBuilder("t_ms,receiver,device,rssi\n");
        var truth = new StringBuilder("t_ms,device,zone\n");
        for (int t = 0; t < 20000; t += 250)
        {
            bool first = t < 10000;
            trace.Append($"{t},1,7,{(first ? -55 : -85)}\n{t},2,7,{(first ? -85 : -55)}\n");
        }

        for (int t = 0; t < 20000; t += 100)
        {
            truth.Append($"{t},7,{(t < 10000 ? 1 : 2)}\n");
        }

        var (code, output, error) = Run(trace.ToString(), truth.ToString(), json: true);

        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement[] lines = doc.RootElement.GetProperty("estimators").EnumerateArray().ToArray();
        Assert.Equal(["beacons", "strongest", "espresense", "bermuda", "previous"], lines.Select(l => l.GetProperty("name").GetString()));
        foreach (JsonElement l in lines)
        {
            Assert.Equal(
                ["name", "accuracy", "settledAccuracy", "changes", "trueChanges", "flaps", "detected", "detectP50Ms", "detectP95Ms"],
                l.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, l.GetProperty("trueChanges").GetInt32());
            Assert.Equal(1, l.GetProperty("detected").GetInt32()); // the move is plain: every locator sees it
        }

        Assert.Equal(0, lines[1].GetProperty("flaps").GetInt32());
        Assert.Equal(1.0, lines[1].GetProperty("settledAccuracy").GetDouble()); // strongest, where nothing is in doubt
    }

    [Fact]
    public void The_table_has_a_line_per_locator()
    {
        var (code, output, _) = Run(GoodTrace, GoodTruth, json: false);

        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("estimator", lines[0]);
        Assert.Equal(["beacons", "strongest", "espresense", "bermuda", "previous"], lines.Skip(1).Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData("t_ms,receiver,device,rssi\n100,1,5,-60\n50,1,5,-61\n", GoodTruth, "beacons evaluate: trace.csv: row 3: out of time order (50 ms after 100 ms)")]
    [InlineData("t_ms,receiver,device,rssi\n100,9,5,-60\n", GoodTruth, "beacons evaluate: trace.csv: row 2: unknown receiver 9 (not in the venue)")]
    [InlineData(GoodTrace, "t_ms,device,zone\n0,5,1\n100,5,9\n", "beacons evaluate: truth.csv: row 3: unknown zone 9 (not in the venue)")]
    [InlineData(GoodTrace, "t_ms,device,zone\n0,5,1\n", "beacons evaluate: truth.csv: does not cover trace.csv row 3 (device 5 at 200 ms)")]
    [InlineData("", GoodTruth, "beacons evaluate: trace.csv: empty file (expected the header t_ms,receiver,device,rssi and rows)")]
    [InlineData(GoodTrace, "t_ms,device,zone\n", "beacons evaluate: truth.csv: empty file (a header and no rows)")]
    public void Bad_input_is_one_line_naming_the_file_the_row_and_the_problem(string trace, string truth, string message)
    {
        var (code, output, error) = Run(trace, truth, json: false);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal(message, error.TrimEnd('\n'));
    }

    [Fact]
    public void A_bad_calibration_file_is_named_like_the_others()
    {
        var (code, output, error) = Run(GoodTrace, GoodTruth, json: false, calibrationTrace: "t_ms,receiver,device,rssi\n100,1,5,-60\n50,1,5,-61\n");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("beacons evaluate: calibration-trace.csv: row 3: out of time order (50 ms after 100 ms)", error.TrimEnd('\n'));
    }

    [Fact]
    public void A_calibration_walk_is_read_and_scored_with()
    {
        var (code, output, error) = Run(GoodTrace, GoodTruth, json: true, calibrationTrace: GoodTrace);

        Assert.True(code == 0, error);
        Assert.Contains("\"name\":\"previous\"", output);
    }

    [Fact]
    public void A_calibration_trace_needs_its_truth()
    {
        File.WriteAllText(Path.Combine(_dir, "venue.json"), TestDrill.VenueJson().ToJsonString());
        var error = new StringWriter();

        int code = EvaluateCommand.Run(Path.Combine(_dir, "venue.json"), "t.csv", "u.csv", "c.csv", null, false, new StringWriter(), error);

        Assert.Equal(2, code);
        Assert.Equal("beacons evaluate: --calibration-trace and --calibration-truth go together", error.ToString().TrimEnd('\n'));
    }

    private (int Code, string Output, string Error) Run(string trace, string truth, bool json, string? calibrationTrace = null)
    {
        string? calibrationTracePath = null, calibrationTruthPath = null;
        if (calibrationTrace != null)
        {
            calibrationTracePath = Path.Combine(_dir, "calibration-trace.csv");
            calibrationTruthPath = Path.Combine(_dir, "calibration-truth.csv");
            File.WriteAllText(calibrationTracePath, calibrationTrace);
            File.WriteAllText(calibrationTruthPath, GoodTruth);
        }

        string venuePath = Path.Combine(_dir, "venue.json"), tracePath = Path.Combine(_dir, "trace.csv"), truthPath = Path.Combine(_dir, "truth.csv");
        File.WriteAllText(venuePath, TestDrill.VenueJson().ToJsonString());
        File.WriteAllText(tracePath, trace);
        File.WriteAllText(truthPath, truth);
        var output = new StringWriter();
        var error = new StringWriter();
        int code = EvaluateCommand.Run(venuePath, tracePath, truthPath, calibrationTracePath, calibrationTruthPath, json, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
