using System.CommandLine;
using Beacons.Placement.Scoring;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons evaluate`: a recorded trace replayed through the zone placement the gateway runs live, and every
/// baseline beside it, scored against a truth file. docs/zones.md ("beacons evaluate") describes it.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var venue = new Option<string>("--venue") { Description = "The venue file (docs/venue.md): receivers, zones, outlines.", Required = true };
        var trace = new Option<string>("--trace") { Description = "The trace: t_ms,receiver,device,rssi, one row per reading, in time order.", Required = true };
        var truth = new Option<string>("--truth") { Description = "The truth: t_ms,device,zone, each device's true zone every 100 ms.", Required = true };
        var calibrationTrace = new Option<string?>("--calibration-trace") { Description = "A calibration walk's trace: per-receiver offsets are learned from it (with --calibration-truth)." };
        var calibrationTruth = new Option<string?>("--calibration-truth") { Description = "The calibration walk's truth." };
        var json = new Option<bool>("--json") { Description = "Write the figures as one JSON object instead of a table." };
        var command = new Command("evaluate", "Replay a recorded trace through the gateway's zone placement and every baseline, and score them against a truth file.")
        {
            venue, trace, truth, calibrationTrace, calibrationTruth, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(venue)!, parse.GetValue(trace)!, parse.GetValue(truth)!,
            parse.GetValue(calibrationTrace), parse.GetValue(calibrationTruth), parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string venuePath, string tracePath, string truthPath, string? calibrationTracePath, string? calibrationTruthPath, bool json, TextWriter output, TextWriter error)
    {
        if ((calibrationTracePath == null) != (calibrationTruthPath == null))
        {
            error.WriteLine("beacons evaluate: --calibration-trace and --calibration-truth go together");
            return 2;
        }

        IReadOnlyList<ScoreLine> lines;
        try
        {
            ScoringVenue v = ScoringVenue.From(VenueFile.Load(venuePath));
            ScoredTrace test = ScoredTrace.Read(v, tracePath, truthPath);
            ScoredTrace? calibration = calibrationTracePath == null ? null : ScoredTrace.Read(v, calibrationTracePath, calibrationTruthPath!);
            lines = TraceEvaluation.Score(test, calibration);
        }
        catch (Exception e) when (e is TraceFileException or ConfigFileException)
        {
            error.WriteLine("beacons evaluate: " + e.Message);
            return 1;
        }

        output.Write(json ? ScoreReport.Json(lines) + Environment.NewLine : ScoreReport.Table(lines));
        return 0;
    }
}
