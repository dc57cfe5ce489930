using System.Globalization;
using Beacons.Placement;
using Beacons.Zones;
using Beacons.ZoneEval;

// Measures the shared zone estimator on real RSSI (the UCI library floor) beside the strongest-beacon
// baseline. docs/zones.md explains the scoring and shows this table.
string? dataDir = null;
string? traceSet = null;
bool json = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length:
            dataDir = args[++i];
            break;
        case "--trace-set" when i + 1 < args.Length:
            traceSet = args[++i];
            break;
        case "--try" when i + 1 < args.Length:
            try
            {
                return Beacons.ZoneEval.Experiment.Run(SharedData("flat-walks"), SharedData("uci-ble-rssi"), args[++i]);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("zone-eval: " + e.Message);
                return 2;
            }
        case "--posfit-try" when i + 1 < args.Length:
            try
            {
                return PositionFitRun.Try(SharedData("flat-walks"), SharedData("uci-ble-rssi"), args[++i]);
            }
            catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<ArgumentException>().FirstOrDefault() is { } bad)
            {
                // The variants run in parallel, so a misspelt setting surfaces wrapped; say which, not a stack trace.
                Console.Error.WriteLine("zone-eval: " + bad.Message);
                return 2;
            }
        case "--still-share":
            return PositionFitRun.StillShare(SharedData("flat-walks"), SharedData("uci-ble-rssi"));
        case "--uci-limits":
            return UciLimits.Run(SharedData("uci-ble-rssi"));
        case "--survey":
            return SurveyRun.Run(SharedData("flat-walks"), SharedData("uci-ble-rssi"), null);
        case "--survey-try" when i + 1 < args.Length:
            return SurveyRun.Run(SharedData("flat-walks"), SharedData("uci-ble-rssi"), args[++i]);
        case "--json":
            json = true;
            break;
        case "-h":
        case "--help":
            Console.WriteLine("usage: Beacons.ZoneEval [--data DIR] | --trace-set DIR [--json]");
            Console.WriteLine("  --trace-set DIR  score DIR/trace.csv against DIR/truth.csv on DIR/venue.json (e.g. ../shared/data/flat-walks)");
            Console.WriteLine("  --data DIR  holds iBeacon_RSSI_Labeled.csv and zones.json (default: ../shared/data/uci-ble-rssi beside the repository)");
            Console.WriteLine("  --json      the scoring table as one JSON object");
            Console.WriteLine("  --survey    the survey-based fingerprint and the position fit with a zone survey (survey-fit) beside every baseline:");
            Console.WriteLine("              flat leave one walk out, UCI leave one cell out");
            Console.WriteLine("  --survey-try \"k,smoothing,margin,alpha;...\"  one line per fingerprint variant on both sets");
            Console.WriteLine("  --posfit-try \"Field=v,...;...\"  score variants of the position fit (PositionFitSettings fields) on the flat walks");
            Console.WriteLine("              (plain and calibrated) and the UCI floor; \"SurveyWeight=w\" a zone survey of the other walks or cells,");
            Console.WriteLine("              \"SurveyCheck=1\" only where it pays on them (docs/zones.md, \"A zone survey\")");
            Console.WriteLine("  --still-share  the share of the position fit's steps its stillness rule took as still, on the flat walks and UCI");
            Console.WriteLine("  --uci-limits  the live fit on the UCI floor with its answers held (no changes) and with the truth's own offsets;");
            Console.WriteLine("              then each cell's visits joined as one device, with and without a survey");
            Console.WriteLine("  --try \"Field=v,...;...\"  score settings variants of the evidence candidate (EvidenceEstimatorSettings fields)");
            Console.WriteLine("              on the flat walks (plain and calibrated), the UCI floor and a device standing between two rooms");
            return 0;
        default:
            Console.Error.WriteLine("zone-eval: unknown argument '" + args[i] + "' (try --help)");
            return 2;
    }
}

if (traceSet != null)
{
    return TraceSet.Run(traceSet, json);
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
Score[] scores =
{
    Evaluation.WeightedCentroid(data, map, CentroidSmoothing, defaults.StaleMs),
    Evaluation.NearestSurveyRows(data, map.ZoneCount, SurveyNeighbours),
    Evaluation.BestFixedAnswerInHindsight(data, map.ZoneCount),
    Evaluation.TrueZoneHeardSoFar(data, map.ZoneCount),
};

Console.WriteLine("Scored through the scoring library (docs/zones.md, \"Scoring a trace\"): each visit to a cell is a device");
Console.WriteLine("standing still, every 100 ms counts, each row's answer holds until the next row.");
var uci = UciTrace.From(data, PositionFitRun.Uci(data, map, File.ReadAllText(zonesPath), onlyVisitedCells: false));
TraceSet.Print(uci.Trace, uci.Truth, uci.Venue, json);
Console.WriteLine();

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

Console.WriteLine("Other kinds of estimator and references, scored per row: a row is right when the answer is its cell's zone; \"unknown\" is wrong. Changes: the answer moved to");
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

return 0;

static string Percent(int part, int whole) =>
    whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string SharedData(string name) =>
    Path.GetFullPath(Path.Combine(FindRepositoryRoot() ?? ".", "..", "shared", "data", name));

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
