using System.Globalization;
using Beacons.Zones;
using Beacons.ZoneEval;

// Measures the shared zone estimator on real RSSI (the UCI library floor) beside the strongest-beacon
// baseline. docs/zones.md explains the scoring and shows this table.
string? dataDir = null;
bool sweep = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length:
            dataDir = args[++i];
            break;
        case "--sweep":
            sweep = true;
            break;
        case "-h":
        case "--help":
            Console.WriteLine("usage: Beacons.ZoneEval [--data DIR] [--sweep]");
            Console.WriteLine("  --data DIR  holds iBeacon_RSSI_Labeled.csv and zones.json (default: ../shared/data/uci-ble-rssi beside the repository)");
            Console.WriteLine("  --sweep     also vary each estimator setting alone around its default and print accuracy and changes");
            return 0;
        default:
            Console.Error.WriteLine("zone-eval: unknown argument '" + args[i] + "' (try --help)");
            return 2;
    }
}

if (dataDir == null)
{
    string? root = FindRepositoryRoot();
    if (root == null)
    {
        Console.Error.WriteLine("zone-eval: cannot find the repository root (Beacons.sln) from here; pass --data DIR");
        return 2;
    }

    dataDir = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "uci-ble-rssi"));
}

string zonesPath = Path.Combine(dataDir, "zones.json");
string csvPath = Path.Combine(dataDir, "iBeacon_RSSI_Labeled.csv");
ZoneMap map;
RssiDataset data;
try
{
    map = ZoneMap.Parse(File.ReadAllText(zonesPath));
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("zone-eval: cannot read " + zonesPath + ": " + e.Message);
    return 1;
}
catch (FormatException e)
{
    Console.Error.WriteLine("zone-eval: " + zonesPath + ": " + e.Message);
    return 1;
}

try
{
    data = RssiDataset.Parse(File.ReadAllText(csvPath), map);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("zone-eval: cannot read " + csvPath + ": " + e.Message);
    return 1;
}
catch (FormatException e)
{
    Console.Error.WriteLine("zone-eval: " + csvPath + ": " + e.Message);
    return 1;
}

// The comparison methods' own settings: the best of a few tried on this data (smoothing 0.3, 0.5, 1;
// 1, 5 or 15 rows), so if anything these two lines flatter them.
const double CentroidSmoothing = 0.3;
const int SurveyNeighbours = 15;
var defaults = new ZoneEstimatorSettings();
var noHysteresis = new ZoneEstimatorSettings { MarginDb = 0, DwellMs = 0 };
Score baseline = Evaluation.StrongestBeacon(data, map.ZoneCount);
Score estimator = Evaluation.Estimator(data, map.ZoneCount, defaults, "Zone estimator (defaults)");
Score[] scores =
{
    baseline,
    estimator,
    Evaluation.Estimator(data, map.ZoneCount, noHysteresis, "Zone estimator without hysteresis (0 dB, 0 s)"),
    Evaluation.WeightedCentroid(data, map, CentroidSmoothing, defaults.StaleMs),
    Evaluation.NearestSurveyRows(data, map.ZoneCount, SurveyNeighbours),
    Evaluation.BestFixedAnswerInHindsight(data, map.ZoneCount),
    Evaluation.TrueZoneHeardSoFar(data, map.ZoneCount),
};

var heardPerRow = data.Cells.SelectMany(c => c.Rows).GroupBy(r => r.Readings.Count).OrderBy(g => g.Key)
    .Select(g => g.Key + ": " + g.Count());
Console.WriteLine("Zone estimation on real RSSI (UCI BLE RSSI, " + dataDir + ")");
Console.WriteLine(data.RowCount + " rows in " + data.Cells.Count + " cells, " + map.ZoneCount + " zones, " + data.Beacons.Count
    + " beacons; beacons heard per row: " + string.Join(", ", heardPerRow));
Console.WriteLine("Each cell's rows run oldest first (the file is newest first); " + data.MinuteStampRows
    + " rows stamped to the minute are placed " + RssiDataset.NominalRowSpacingMs / 1000 + " s apart; "
    + data.OutOfOrderRows + " rows out of order; " + data.Skipped.Count + " rows skipped.");
foreach (string skipped in data.Skipped.Take(5))
{
    Console.WriteLine("  skipped " + skipped);
}

Console.WriteLine("A row is right when the answer is its cell's zone; \"unknown\" is wrong. Changes: the answer moved to");
Console.WriteLine("another zone within a cell; the phone stood still in each cell, so every change is a flap.");
Console.WriteLine("Position and fingerprint are other kinds of estimator, for comparison: a position from the beacons'");
Console.WriteLine("places (smoothing " + CentroidSmoothing + "), and the zone of the " + SurveyNeighbours + " most alike rows of the other cells, as after a site survey.");
Console.WriteLine("The last two lines are references, not estimators: a vote with hindsight over all of a cell's rows,");
Console.WriteLine("and the bound for any estimator that names only zones it has heard in the cell so far.");
Console.WriteLine();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-58} {1,5} {2,6} {3,6} {4,8} {5,9} {6,8}",
    "Method", "Rows", "Right", "Wrong", "Unknown", "Accuracy", "Changes"));
foreach (Score s in scores)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-58} {1,5} {2,6} {3,6} {4,8} {5,9} {6,8}",
        s.Method, s.Rows, s.Right, s.Wrong, s.Changes == null ? "-" : s.Unknown.ToString(CultureInfo.InvariantCulture),
        Percent(s.Right, s.Rows), s.Changes?.ToString(CultureInfo.InvariantCulture) ?? "-"));
}

Console.WriteLine();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "Estimator defaults: smoothing {0}, hold {1} s, decay {2} dB/s, margin {3} dB, dwell {4} s, stale {5} s, {6} sources; Update every {7} s.",
    defaults.SmoothingAlpha, defaults.HoldMs / 1000.0, defaults.DecayDbPerSecond, defaults.MarginDb, defaults.DwellMs / 1000.0,
    defaults.StaleMs / 1000.0, defaults.MaxSources, Evaluation.UpdateIntervalMs / 1000.0));
Console.WriteLine();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,5} {2,10} {3,10}", "Zone", "Rows", "Strongest", "Estimator"));
for (byte z = 1; z <= map.ZoneCount; z++)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-14} {1,5} {2,10} {3,10}",
        map.ZoneName(z), baseline.RowsByZone[z], Percent(baseline.RightByZone[z], baseline.RowsByZone[z]),
        Percent(estimator.RightByZone[z], estimator.RowsByZone[z])));
}

if (sweep)
{
    Console.WriteLine();
    Console.WriteLine("One setting varied at a time, the others at their defaults:");
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,9} {2,8}", "Setting", "Accuracy", "Changes"));
    var variations = new (string Name, double[] Values, Action<ZoneEstimatorSettings, double> Apply)[]
    {
        ("SmoothingAlpha", new[] { 0.3, 0.5, 0.7, 1.0 }, (s, v) => s.SmoothingAlpha = v),
        ("HoldMs", new[] { 0.0, 3000, 5000 }, (s, v) => s.HoldMs = (int)v),
        ("DecayDbPerSecond", new[] { 0.5, 1, 2, 4 }, (s, v) => s.DecayDbPerSecond = v),
        ("MarginDb", new[] { 0.0, 2, 4, 6 }, (s, v) => s.MarginDb = v),
        ("DwellMs", new[] { 0.0, 2000, 3000, 5000 }, (s, v) => s.DwellMs = (int)v),
        ("StaleMs", new[] { 10000.0, 20000, 30000 }, (s, v) => s.StaleMs = (int)v),
    };
    foreach (var variation in variations)
    {
        foreach (double value in variation.Values)
        {
            var settings = new ZoneEstimatorSettings();
            variation.Apply(settings, value);
            Score s = Evaluation.Estimator(data, map.ZoneCount, settings, variation.Name);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-22} {1,9} {2,8}",
                variation.Name + " " + value.ToString(CultureInfo.InvariantCulture), Percent(s.Right, s.Rows), s.Changes));
        }
    }
}

return 0;

static string Percent(int part, int whole) =>
    whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string? FindRepositoryRoot()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (DirectoryInfo? dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beacons.sln")))
            {
                return dir.FullName;
            }
        }
    }

    return null;
}
