using System.Globalization;
using Beacons.Evaluation.Estimators;
using Beacons.Evaluation.Scoring;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;
using Beacons.Venue;

// Runs the default demo drill in-process (no network, as fast as it goes) and prints, as Markdown tables,
// how our zone estimator and three baselines placed the officers against the ground truth, then the same
// drill with added devices to show where airtime collisions start to cost freshness.
//   dotnet run -c Release --project tools/Beacons.Evaluation -- [--seeds 1,2,3] [--devices 50,200,500] [--demo <folder>]

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "radio-fit")
{
    return Beacons.Evaluation.RadioFit.Run(args[1..]);
}

ulong[] seeds = [1, 2, 3];
int[] sizes = [50, 200, 500];
int[] restartCosts = [];
bool sweep = false;
var radio = new Beacons.Simulator.Radio.RadioSettings();
string? folder = null;
double? wallDb = null;
double posfitSpacing = PositionFitCandidate.SpacingMetres;
double? posfitFloorDb = null;
string[] posfitTries = [];
string? posfitWhy = null;
bool walkExponent = false;
string[] walkSurvey = [];
for (int i = 0; i < args.Length; i++)
{
    string next = i + 1 < args.Length ? args[i + 1] : "";
    try
    {
        switch (args[i])
        {
            case "--seeds":
                seeds = next.Split(',').Select(ulong.Parse).ToArray();
                i++;
                break;
            case "--devices":
                sizes = next.Length == 0 || next == "none" ? [] : next.Split(',').Select(int.Parse).ToArray();
                i++;
                break;
            case "--demo":
                folder = next;
                i++;
                break;
            case "--restart-costs":
                restartCosts = next.Split(',').Select(int.Parse).ToArray();
                i++;
                break;
            case "--sweep":
                sweep = true;
                break;
            case "--wall-db":
                wallDb = double.Parse(next, CultureInfo.InvariantCulture);
                i++;
                break;
            case "--posfit-spacing":
                posfitSpacing = double.Parse(next, CultureInfo.InvariantCulture);
                i++;
                break;
            case "--posfit-try":
                posfitTries = next.Split(';', StringSplitOptions.RemoveEmptyEntries);
                _ = posfitTries.Select(PositionFitSettings.Parse).ToArray();
                i++;
                break;
            case "--posfit-why":
                posfitWhy = next;
                _ = PositionFitSettings.Parse(next);
                i++;
                break;
            case "--walk-exponent":
                walkExponent = true;
                break;
            case "--walk-survey":
                walkSurvey = next.Split(';', StringSplitOptions.RemoveEmptyEntries);
                _ = walkSurvey.Select(PositionFitSettings.Parse).ToArray();
                i++;
                break;
            case "--posfit-floor-db":
                posfitFloorDb = double.Parse(next, CultureInfo.InvariantCulture);
                i++;
                break;
            case "--capture-db":
                radio = radio with { CaptureDb = double.Parse(next, CultureInfo.InvariantCulture) };
                i++;
                break;
            default:
                Console.Error.WriteLine($"unknown option {args[i]} (options: --seeds 1,2,3  --devices 50,200,500|none  --restart-costs 100,250,1000  --sweep  --capture-db 10  --wall-db 4  --posfit-spacing 3  --posfit-floor-db 15  --posfit-try \"WallDb=6;SwitchRatio=10\"  --posfit-why \"HoldMs=5000\"  --walk-exponent  --walk-survey \"SurveyWeight=1\"  --demo <folder>)");
                return 2;
        }
    }
    catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidCastException)
    {
        // A number or a settings variant it cannot read: say which option, not a stack trace, before the drill runs.
        Console.Error.WriteLine($"{args[i]}: {e.Message}");
        return 2;
    }
}

DrillFiles files;
try
{
    files = DemoDrill.Load(folder);
}
catch (ConfigFileException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// Every wall of the venue at one loss: how much of the drill's accuracy its walls make (the flat's fit: 4 dB).
if (wallDb is double loss)
{
    files = files with { Venue = files.Venue with { Walls = files.Venue.Walls.Select(w => w with { LossDb = loss }).ToList() } };
}

// What `beacons evaluate` scores (ours as the gateway runs it: the position fit; the baselines; the previous estimator),
// and issue 17's candidates beside them: the evidence estimator, and variants of the position fit (--posfit-try; their
// map may take another spacing or floor loss than the live one: how much those matter); each is replayed over the
// drill's readings at the gateway's cadence.
var venue = ScoringVenue.From(files.Venue);
Beacons.Zones.ZoneNeighbours neighbours = NeighbouringZones.Table(files.Venue);
PositionFitMap posfitMap = PositionFitMap.ZoneSamples(files.Venue with { FloorLossDb = posfitFloorDb ?? files.Venue.FloorLossDb }, posfitSpacing);
// Why the fit's zone changes happened, alone (no scorecard): the drill's flaps sorted by what made them.
if (posfitWhy != null)
{
    var why = new PositionFitWhy(venue, posfitMap, PositionFitSettings.Parse(posfitWhy));
    foreach (ulong seed in seeds)
    {
        why.Add(DrillRecording.Run(files, new SimulationOptions { Seed = seed, Radio = radio }).Trace);
    }

    Console.WriteLine($"Position fit \"{posfitWhy}\", seeds {string.Join(", ", seeds)}:");
    Console.WriteLine();
    why.Print();
    return 0;
}

LocatorKind[] estimators =
[
    .. Locators.All(venue),
    new EstimatorKind("evidence (candidate)", blind => new EvidenceCandidate(neighbours, blind)).In(venue),
    .. posfitTries.Select(spec => PositionFitCandidate.Kind("position-fit " + spec, posfitMap, PositionFitSettings.Parse(spec)).In(venue)),
];

// Other settings of our estimator on the very same readings: what a change of its defaults would buy.
(string Name, Beacons.Zones.ZoneEstimatorSettings Settings, bool Neighbours, bool Fallback)[] variants =
[
    ("defaults", new(), true, true),
    ("without the blind-zone fallback", new(), true, false),
    ("without neighbours", new(), false, true),
    ("dwell 5 s", new() { DwellMs = 5000 }, true, true),
    ("rise 4 dB", new() { RiseDb = 4 }, true, true),
    ("alpha 0.6", new() { SmoothingAlpha = 0.6 }, true, true),
    ("dwell 2 s", new() { DwellMs = 2000 }, true, true),
];
LocatorKind[] sweepKinds = variants
    .Select(v => new EstimatorKind(v.Name, blind => new Ours(v.Settings, v.Neighbours ? neighbours : null, v.Fallback ? blind : null)).In(venue))
    .ToArray();

Console.WriteLine($"# Beacons simulated drill evaluation");
Console.WriteLine();
Console.WriteLine($"Walls: {(wallDb is double w ? $"every wall {w:0.#} dB (--wall-db)" : "as the venue file has them")}; capture margin {radio.CaptureDb:0.#} dB, watcher restart {radio.WatcherRestartMs} ms, advert interval {radio.AdvertIntervalMinMs:0}-{radio.AdvertIntervalMaxMs:0} ms (docs/simulator.md).");
Console.WriteLine();
Console.WriteLine($"Scenario: {files.Scenario.Name}; {files.Venue.Zones.Count} zones, {files.Venue.Receivers.Count} receivers, " +
    $"{files.Scenario.People.Count} officers, {files.Scenario.Casualties.Count} casualties, {files.Scenario.DurationSeconds / 60:0} min.");
Console.WriteLine();

var runs = new List<DrillScore>();
var sweepRuns = new List<IReadOnlyList<EstimatorScore>>();
var walks = new List<(ulong Seed, SimulatedWalk Walk)>();
foreach (ulong seed in seeds)
{
    var options = new SimulationOptions { Seed = seed, Radio = radio };
    DrillRecording recording = DrillRecording.Run(files, options);
    // Before the drill, a calibration walk with the same radio: the drill scored with what it taught beside without.
    SimulatedWalk walk = SimulatedWalk.Record(files, options, venue, posfitMap, walkExponent);
    walks.Add((seed, walk));
    runs.Add(Scorecard.Score(recording, [.. estimators, .. walk.Kinds(venue, posfitMap, walkSurvey)]));
    if (sweep)
    {
        sweepRuns.Add(Scorecard.Estimators(venue, recording.Trace, sweepKinds));
    }

    Console.Error.WriteLine($"seed {seed}: {recording.Engine.Devices.Count} devices, {recording.Sink.Datagrams} datagrams, {recording.Sink.Rejected} rejected, {recording.Elapsed.TotalSeconds:0.0} s");
}

Console.WriteLine($"## Default drill ({runs[0].Devices} devices), seeds {string.Join(", ", seeds)}: mean (median; min to max)");
Console.WriteLine();
Console.WriteLine("Scored as `beacons evaluate` scores a trace (docs/zones.md, \"Scoring a trace\"); officers unless named.");
Console.WriteLine();
Console.WriteLine("Lines named \"+ walk\" had a simulated calibration walk before the drill (docs/simulator.md, \"Evaluation\"): its receiver offsets; \"(law offsets, wall)\" the offsets and wall loss the walk taught the position fit instead.");
Console.WriteLine();
Console.WriteLine("| Measure | " + string.Join(" | ", runs[0].Estimators.Select(e => e.Name)) + " |");
Console.WriteLine("|---|" + string.Concat(runs[0].Estimators.Select(_ => "---|")));
Row("Room-level accuracy", s => s.Officers.Accuracy, Percent);
Row($"Settled accuracy ({Scorer.SettleMs / 1000} s after a true change left out)", s => s.Officers.SettledAccuracy, Percent);
Row("Zone changes shown", s => s.Officers.Changes, Count);
Row("Zone changes in the truth", s => s.Officers.TrueChanges, Count);
Row($"Flaps (no true visit within {Scorer.FlapWindowMs / 1000} s)", s => s.Officers.Flaps, Count);
Row("Flaps per officer-hour", s => s.FlapsPerOfficerHour, v => v.ToString("0.0"));
Row("True changes never shown", s => s.Missed, Percent);
Row("Time to detect a true change, p50 (s)", s => s.Officers.DetectP50Ms / 1000.0, v => v.ToString("0.0"));
Row("Time to detect a true change, p95 (s)", s => s.Officers.DetectP95Ms / 1000.0, v => v.ToString("0.0"));
Row("Room-level accuracy, casualties", s => s.Casualties.Accuracy, Percent);
Row("Settled accuracy, casualties", s => s.Casualties.SettledAccuracy, Percent);
Console.WriteLine();
Console.WriteLine("Shared by all estimators (same reports):");
Console.WriteLine();
Console.WriteLine("| Measure | Value |");
Console.WriteLine("|---|---|");
Shared("Roster staleness p50 / p95 / max (s)", s => $"{s.StalenessP50Seconds:0.0} / {s.StalenessP95Seconds:0.0} / {s.StalenessMaxSeconds:0.0}");
Shared("Casualty colour correct (tag-seconds)", s => Percent(s.ColourCorrect));
Shared("Triage change shown after p50 / p95 (s)", s => $"{s.ColourShowP50Seconds:0} / {s.ColourShowP95Seconds:0} ({s.ColourChanges} changes)");
Shared("Adverts received clean (no collision)", s => Percent(s.CleanReception));
Shared("Reports per device-second at the gateway", s => s.ReportsPerDeviceSecond.ToString("0.0"));
Shared("Officer-hours scored (in a zone)", s => s.OfficerHours.ToString("0.00"));
Console.WriteLine();
Console.WriteLine("The simulated calibration walk before each seed's drill (docs/simulator.md, \"Evaluation\"):");
Console.WriteLine();
Console.WriteLine("| Seed | Walk (min) | Zones walked | Receivers learned | Offsets (dB, min to max) | Position fit: law offsets (dB, min to max) | Wall loss chosen (dB) | Levels' error by wall loss (dB²) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var (seed, walk) in walks)
{
    Console.WriteLine($"| {seed} | {walk.Minutes:0.0} | {walk.ZonesWalked} of {walk.Zones} | {walk.ReceiversLearned} of {walk.Offsets.Count} | " +
        $"{walk.Offsets.Values.Min():0.0} to {walk.Offsets.Values.Max():0.0} | {walk.PositionFit.Offsets.Values.Min():0} to {walk.PositionFit.Offsets.Values.Max():0} | " +
        $"{walk.PositionFit.Settings.WallDb:0.#}{(walk.WithExponent is { } e ? $" (with the exponent: {e.Settings.WallDb:0.#} dB, {e.Settings.Exponent:0.0#})" : "")} | " + string.Join(", ", walk.PositionFit.Candidates.Select(t => $"{t.WallDb:0}: {t.LevelsErrorDb2:0.0}")) + " |");
}

Console.WriteLine();

if (sizes.Length > 0)
{
    int baseDevices = runs[0].Devices;
    Console.WriteLine($"## Scaling: the same drill with added devices (seed {seeds[0]})");
    Console.WriteLine();
    Console.WriteLine("| Devices on air | Clean adverts | Reports/device-s | Staleness p50 / p95 (s) | Ours: accuracy | Ours: flaps/h | Ours: detect p50 / p95 (s) | Strongest: accuracy | ESPresense-like: accuracy | Bermuda-like: accuracy |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    foreach (int size in sizes.Prepend(baseDevices))
    {
        DrillScore s;
        if (size == baseDevices)
        {
            s = runs[0];
        }
        else if (size < baseDevices)
        {
            continue;
        }
        else
        {
            DrillRecording recording = DrillRecording.Run(files, new SimulationOptions { Seed = seeds[0], Radio = radio, ExtraDevices = size - baseDevices });
            s = Scorecard.Score(recording, estimators[..4]);
            Console.Error.WriteLine($"{size} devices: {recording.Elapsed.TotalSeconds:0.0} s");
        }

        EstimatorScore ours = s.Estimators[0];
        Console.WriteLine($"| {s.Devices} | {Percent(s.CleanReception)} | {s.ReportsPerDeviceSecond:0.0} | {s.StalenessP50Seconds:0.0} / {s.StalenessP95Seconds:0.0} | " +
            $"{Percent(ours.Officers.Accuracy)} | {ours.FlapsPerOfficerHour:0.0} | {ours.Officers.DetectP50Ms / 1000.0:0.0} / {ours.Officers.DetectP95Ms / 1000.0:0.0} | " +
            $"{Percent(s.Estimators[1].Officers.Accuracy)} | {Percent(s.Estimators[2].Officers.Accuracy)} | {Percent(s.Estimators[3].Officers.Accuracy)} |");
    }

    Console.WriteLine();
}

if (restartCosts.Length > 0)
{
    Console.WriteLine($"## Receiver watcher restart cost (seed {seeds[0]}): what a slower Bluetooth restart does");
    Console.WriteLine();
    Console.WriteLine("| Restart cost (ms) | Reports/device-s | Staleness p50 / p95 (s) | Ours: accuracy | Ours: settled | Ours: flaps/h | Ours: detect p50 / p95 (s) |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (int cost in restartCosts)
    {
        var options = new SimulationOptions { Seed = seeds[0], Radio = radio with { WatcherRestartMs = cost } };
        DrillScore s = Scorecard.Score(DrillRecording.Run(files, options), estimators[..1]);
        EstimatorScore ours = s.Estimators[0];
        Console.WriteLine($"| {cost} | {s.ReportsPerDeviceSecond:0.0} | {s.StalenessP50Seconds:0.0} / {s.StalenessP95Seconds:0.0} | {Percent(ours.Officers.Accuracy)} | {Percent(ours.Officers.SettledAccuracy)} | " +
            $"{ours.FlapsPerOfficerHour:0.0} | {ours.Officers.DetectP50Ms / 1000.0:0.0} / {ours.Officers.DetectP95Ms / 1000.0:0.0} |");
    }

    Console.WriteLine();
}

if (sweep)
{
    Console.WriteLine($"## ZoneEstimator settings on the same readings (seeds {string.Join(", ", seeds)}: mean)");
    Console.WriteLine();
    Console.WriteLine("| Settings | Accuracy | Settled | Flaps/h | Detect p50 / p95 (s) |");
    Console.WriteLine("|---|---|---|---|---|");
    for (int v = 0; v < sweepKinds.Length; v++)
    {
        double Mean(Func<EstimatorScore, double> value) => sweepRuns.Average(r => value(r[v]));
        Console.WriteLine($"| {sweepKinds[v].Name} | {Percent(Mean(e => e.Officers.Accuracy))} | {Percent(Mean(e => e.Officers.SettledAccuracy))} | {Mean(e => e.FlapsPerOfficerHour):0.0} | " +
            $"{Mean(e => e.Officers.DetectP50Ms / 1000.0):0.0} / {Mean(e => e.Officers.DetectP95Ms / 1000.0):0.0} |");
    }

    Console.WriteLine();
}

return 0;

void Row(string name, Func<EstimatorScore, double> value, Func<double, string> format)
{
    var cells = new List<string>();
    for (int e = 0; e < runs[0].Estimators.Count; e++)
    {
        double[] v = runs.Select(r => value(r.Estimators[e])).ToArray();
        cells.Add(v.Length == 1 ? format(v[0]) : $"{format(v.Average())} ({format(Median(v))}; {format(v.Min())} to {format(v.Max())})");
    }

    Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
}

void Shared(string name, Func<DrillScore, string> value) =>
    Console.WriteLine($"| {name} | {string.Join("; ", runs.Select(value))} |");

static double Median(double[] v)
{
    double[] sorted = v.Order().ToArray();
    return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
}

static string Count(double v) => v.ToString("0");

static string Percent(double v) => double.IsNaN(v) ? "n/a" : (v * 100).ToString("0.0") + "%";
