using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>
/// Records go to one per-user data folder (.NET's LocalApplicationData, $XDG_DATA_HOME on Linux), whatever folder
/// the gateway starts in: a restart elsewhere resumes the drill, `beacons drills` lists it and `beacons report`
/// takes it by name. Each test has a data folder of its own.
/// </summary>
public class DataFolderTests
{
    [Fact]
    public void A_gateway_restarted_from_another_folder_resumes_the_same_record()
    {
        string data = LiveGateway.NewDirectory();
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = data };
        string first = LiveGateway.NewDirectory();
        string second = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(first);
        string[] args = ["gateway", "--venue", venue, "--exercise", exercise, "--udp-port", "0", "--urls", "http://127.0.0.1:0"];

        string firstRecord;
        using (BeaconsProcess gateway = BeaconsProcess.Start(first, args, environment))
        {
            firstRecord = RecordLine(gateway.Output);
            Assert.Equal(0, gateway.Interrupt());
        }

        string secondRecord;
        using (BeaconsProcess gateway = BeaconsProcess.Start(second, args, environment))
        {
            secondRecord = RecordLine(gateway.Output);
            Assert.Equal(0, gateway.Interrupt());
        }

        string expected = Path.Combine(data, "Beacons", "drills", "exercise-42.db");
        Assert.StartsWith($"{expected} (", firstRecord);
        Assert.StartsWith($"{expected} (", secondRecord);
        Assert.DoesNotContain("(0 events so far", secondRecord); // the first run's events are there
        Assert.Empty(Directory.GetFiles(first, "*.db"));
        Assert.Empty(Directory.GetFiles(second, "*.db"));
    }

    [Fact]
    public void Drills_lists_the_records_and_report_takes_one_by_name()
    {
        string data = LiveGateway.NewDirectory();
        var environment = new Dictionary<string, string> { ["XDG_DATA_HOME"] = data };
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        using (BeaconsProcess gateway = BeaconsProcess.Start(directory, ["gateway", "--venue", venue, "--exercise", exercise, "--udp-port", "0", "--urls", "http://127.0.0.1:0"], environment))
        {
            Assert.Equal(0, gateway.Interrupt());
        }

        (int exit, string output, string error) = BeaconsProcess.Run(directory, environment, "drills");
        string elsewhere = LiveGateway.NewDirectory();
        (int reportExit, string reportOutput, string reportError) = BeaconsProcess.Run(elsewhere, environment, "report", "exercise-42");
        (int missingExit, _, string missingError) = BeaconsProcess.Run(elsewhere, environment, "report", "exercise-7");

        Assert.True(exit == 0, error);
        string[] lines = output.Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal($"beacons drills: 1 in {Path.Combine(data, "Beacons", "drills")}", lines[0]);
        Assert.Equal(["drill", "exercise", "venue", "start", "length", "size"], lines[1].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()));
        Assert.StartsWith("  exercise-42  42 Spring drill  Test school  ", lines[2]);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d .* \d+ KB$", lines[2]);
        Assert.True(reportExit == 0, reportError);
        Assert.Contains($"into {Path.Combine(elsewhere, "exercise-42-review")}", reportOutput);
        Assert.True(File.Exists(Path.Combine(elsewhere, "exercise-42-review", "report.html")));
        Assert.Equal(1, missingExit);
        Assert.Equal($"beacons report: no drill named exercise-7 in {Path.Combine(data, "Beacons", "drills")} and no such file (beacons drills lists the drills)", missingError.Trim());
    }

    [Fact]
    public void Drills_in_an_empty_data_folder_says_so()
    {
        string directory = LiveGateway.NewDirectory();

        (int exit, string output, _) = BeaconsProcess.Run(directory, "drills");

        Assert.Equal(0, exit);
        Assert.Equal($"beacons drills: 0 in {Path.Combine(directory, "data", "Beacons", "drills")}", output.Trim());
    }

    private static string RecordLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("record ", StringComparison.Ordinal))["record".Length..].Trim();
}
