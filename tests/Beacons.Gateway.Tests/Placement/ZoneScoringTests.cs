using System.Text.Json;
using Beacons.Placement.Scoring;

namespace Beacons.Gateway.Tests.Placement;

public class ZoneScoringTests
{
    private static readonly Dictionary<int, byte> Receivers = new() { [1] = 1, [2] = 2 };
    private static readonly HashSet<byte> Zones = [1, 2, 3];

    [Fact]
    public void A_hand_made_trace_scores_as_worked_out_by_hand()
    {
        // Truth: zone 1 for 10 s, then zone 2 for 20 s (300 samples, one true change at 10 s).
        // Answers: unknown for 0.5 s, zone 1 until 12 s, zone 3 (never true) for 0.5 s, then zone 2.
        var truth = new List<TruthSample>();
        var answers = new byte[300];
        for (int i = 0; i < 300; i++)
        {
            truth.Add(new TruthSample(i * 100, 7, (byte)(i < 100 ? 1 : 2)));
            answers[i] = (byte)(i < 5 ? 0 : i < 120 ? 1 : i < 125 ? 3 : 2);
        }

        ScoreLine line = Scorer.Score("hand", [new DeviceAnswers(7, truth, answers)]);

        Assert.Equal(270.0 / 300, line.Accuracy, 9);         // wrong: 5 unknown, 20 late, 5 in zone 3
        Assert.Equal(245.0 / 250, line.SettledAccuracy, 9);  // 10.0-14.9 s left out; 5 unknown left wrong
        Assert.Equal(2, line.Changes);                       // 1 -> 3 -> 2; unknown -> 1 is not a change
        Assert.Equal(1, line.TrueChanges);
        Assert.Equal(1, line.Flaps);                         // zone 3, never true within 10 s
        Assert.Equal(1, line.Detected);
        Assert.Equal(2500, line.DetectP50Ms);
        Assert.Equal(2500, line.DetectP95Ms);
    }

    [Fact]
    public void A_change_to_a_zone_the_truth_visits_within_ten_seconds_is_not_a_flap()
    {
        // Truth in zone 2 from 15 s; the answer goes to 2 early for 0.9 s and back to 1, then to 2 on time.
        // 9.9 s before the truth gets there is within the window; 10.1 s is not.
        Assert.Equal(0, FlapsWhenEarly(firstEarlySample: 51));
        Assert.Equal(1, FlapsWhenEarly(firstEarlySample: 49));
    }

    private static int FlapsWhenEarly(int firstEarlySample)
    {
        var truth = new List<TruthSample>();
        var answers = new byte[200];
        for (int i = 0; i < 200; i++)
        {
            truth.Add(new TruthSample(i * 100, 1, (byte)(i < 150 ? 1 : 2)));
            answers[i] = (byte)(i >= firstEarlySample && i < firstEarlySample + 9 ? 2 : i < 150 ? 1 : 2);
        }

        ScoreLine line = Scorer.Score("early", [new DeviceAnswers(1, truth, answers)]);
        Assert.Equal(3, line.Changes);
        return line.Flaps;
    }

    [Fact]
    public void The_json_form_has_the_documented_keys()
    {
        string json = ScoreReport.Json([new ScoreLine("beacons", 0.5, 0.75, 3, 4, 1, 2, 1200, 3400)]);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement e = doc.RootElement.GetProperty("estimators")[0];
        Assert.Equal("beacons", e.GetProperty("name").GetString());
        Assert.Equal(0.5, e.GetProperty("accuracy").GetDouble());
        Assert.Equal(0.75, e.GetProperty("settledAccuracy").GetDouble());
        Assert.Equal(3, e.GetProperty("changes").GetInt32());
        Assert.Equal(4, e.GetProperty("trueChanges").GetInt32());
        Assert.Equal(1, e.GetProperty("flaps").GetInt32());
        Assert.Equal(2, e.GetProperty("detected").GetInt32());
        Assert.Equal(1200, e.GetProperty("detectP50Ms").GetInt64());
        Assert.Equal(3400, e.GetProperty("detectP95Ms").GetInt64());
        Assert.Equal(9, e.EnumerateObject().Count());
    }

    [Fact]
    public void The_replay_asks_after_every_reading_and_once_a_second_and_each_sample_holds_the_last_answer()
    {
        var calls = new List<string>();
        var kind = new LocatorKind("recorder", () => new Recorder(calls));
        var trace = new[] { new TraceReading(50, 1, 9, -60), new TraceReading(1100, 2, 9, -70) };
        var truth = new[] { new TruthSample(0, 9, 1), new TruthSample(1000, 9, 1), new TruthSample(1200, 9, 2) };

        IReadOnlyList<DeviceAnswers> answers = Replay.Run(trace, truth, kind);

        // Nothing is asked at a sample: the one at 0 ms holds "unknown", as nothing was heard yet.
        Assert.Equal(["O1/9/-60@50", "Z9@50", "Z9@1000", "O2/9/-70@1100", "Z9@1100"], calls);
        Assert.Equal(new byte[] { 0, 1, 1 }, answers.Single().Answers);
    }

    [Theory]
    [InlineData(new[] { "t_ms,receiver,device,rssi", "100,1,5,-60", "50,1,5,-61" }, "trace.csv: row 3: out of time order (50 ms after 100 ms)")]
    [InlineData(new[] { "t_ms,receiver,device,rssi", "100,9,5,-60" }, "trace.csv: row 2: unknown receiver 9 (not in the venue)")]
    [InlineData(new[] { "t_ms,receiver,device,rssi" }, "trace.csv: empty file (a header and no rows)")]
    [InlineData(new string[0], "trace.csv: empty file (expected the header t_ms,receiver,device,rssi and rows)")]
    [InlineData(new[] { "t_ms,receiver,device,rssi", "100,1,5" }, "trace.csv: row 2: expected 4 fields (t_ms,receiver,device,rssi), found 3")]
    public void A_bad_trace_is_one_line_naming_file_row_and_problem(string[] lines, string message)
    {
        var e = Assert.Throws<TraceFileException>(() => TraceFiles.ParseTrace(lines, "trace.csv", Receivers));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(new[] { "t_ms,device,zone", "0,5,1", "100,5,4" }, "truth.csv: row 3: unknown zone 4 (not in the venue)")]
    [InlineData(new[] { "t_ms,device,zone", "100,5,1", "0,5,1" }, "truth.csv: row 3: out of time order (0 ms after 100 ms)")]
    [InlineData(new[] { "t_ms,device,zone" }, "truth.csv: empty file (a header and no rows)")]
    public void A_bad_truth_is_one_line_naming_file_row_and_problem(string[] lines, string message)
    {
        var e = Assert.Throws<TraceFileException>(() => TraceFiles.ParseTruth(lines, "truth.csv", Zones));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_truth_that_does_not_cover_the_trace_names_the_first_reading_left_out()
    {
        var truth = TraceFiles.ParseTruth(["t_ms,device,zone", "0,5,1", "100,5,1", "200,5,2"], "truth.csv", Zones);
        var covered = TraceFiles.ParseTrace(["t_ms,receiver,device,rssi", "0,1,5,-60", "300,2,5,-60"], "trace.csv", Receivers);
        TraceFiles.CheckCovers(truth, "truth.csv", covered, "trace.csv");

        var trace = TraceFiles.ParseTrace(["t_ms,receiver,device,rssi", "0,1,5,-60", "301,2,5,-60", "400,1,6,-60"], "trace.csv", Receivers);
        var e = Assert.Throws<TraceFileException>(() => TraceFiles.CheckCovers(truth, "truth.csv", trace, "trace.csv"));
        Assert.Equal("truth.csv: does not cover trace.csv row 3 (device 5 at 301 ms)", e.Message);
    }

    [Fact]
    public void Receiver_offsets_bring_each_receivers_own_zone_median_to_the_common_mean()
    {
        // In zone 1 (0-999 ms) receiver 1 reads -50, -52, -54 in turn (median -52); in zone 2 (1000-1999 ms)
        // receiver 2 reads -60: hot against cold by 8 dB. Readings heard from the other zone do not count.
        var truth = Enumerable.Range(0, 20).Select(i => new TruthSample(i * 100, 1, (byte)(i < 10 ? 1 : 2))).ToArray();
        var trace = new List<TraceReading>();
        for (int i = 0; i < 12; i++)
        {
            trace.Add(new TraceReading(i * 80, 1, 1, -50 - (2 * (i % 3))));
            trace.Add(new TraceReading(i * 80, 2, 1, -90));
        }

        for (int i = 0; i < 12; i++)
        {
            trace.Add(new TraceReading(1000 + (i * 80), 1, 1, -99));
            trace.Add(new TraceReading(1000 + (i * 80), 2, 1, -60));
        }

        var offsets = ReceiverOffsets.Learn(trace, truth, Receivers);
        Assert.Equal(-4, offsets[1], 9);
        Assert.Equal(4, offsets[2], 9);
        Assert.Equal(12, ReceiverOffsets.OwnZoneReadings(trace, truth, Receivers)[2]);
    }

    [Fact]
    public void A_receiver_heard_fewer_than_ten_times_from_its_own_zone_learns_no_offset()
    {
        var truth = Enumerable.Range(0, 20).Select(i => new TruthSample(i * 100, 1, (byte)(i < 10 ? 1 : 2))).ToArray();
        var trace = Enumerable.Range(0, 10).Select(i => new TraceReading(i * 90, 1, 1, -50))
            .Concat(Enumerable.Range(0, ReceiverOffsets.MinReadings - 1).Select(i => new TraceReading(1000 + (i * 90), 2, 1, -60)))
            .ToList();

        var offsets = ReceiverOffsets.Learn(trace, truth, Receivers);

        Assert.Equal(0, offsets[1], 9); // the only receiver learned is its own reference
        Assert.Equal(0, offsets[2], 9);
        Assert.Equal(9, ReceiverOffsets.OwnZoneReadings(trace, truth, Receivers)[2]);
    }

    private sealed class Recorder(List<string> calls) : ITracePlacer
    {
        public void Observe(int receiver, int device, int rssi, long tMs) => calls.Add($"O{receiver}/{device}/{rssi}@{tMs}");

        public byte Zone(int device, long tMs)
        {
            calls.Add($"Z{device}@{tMs}");
            return 1;
        }
    }
}
