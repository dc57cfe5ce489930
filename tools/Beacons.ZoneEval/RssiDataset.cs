using System.Globalization;

namespace Beacons.ZoneEval;

/// <summary>One beacon heard in one row: its column among the beacons, and the RSSI in dBm.</summary>
public sealed record Reading(int Beacon, int Rssi);

/// <summary>One row of the CSV: its line in the file, its time (ms, on an arbitrary epoch) and what was heard.</summary>
public sealed record Row(int Line, long TimeMs, IReadOnlyList<Reading> Readings);

/// <summary>All rows of one grid cell, oldest first, and the zone the cell lies in.</summary>
public sealed record Cell(string Name, byte Zone, IReadOnlyList<Row> Rows);

/// <summary>
/// iBeacon_RSSI_Labeled.csv read into cells. The file lists rows newest first, so each cell's rows are
/// reversed into time order. RSSI at or below -198 dBm means "not heard" (the file uses -200, and a few
/// -199/-198). Most dates have seconds; 115 rows have only minutes ("10-04-16 10:58"): those rows are
/// placed at the README's nominal spacing, 2 s after the previous row of the same cell, while the
/// minutes run on (at most one minute per row); otherwise at their stamp.
/// </summary>
public sealed class RssiDataset
{
    public const int NotHeardAtOrBelow = -198;

    /// <summary>Spacing assumed between rows whose stamp has no seconds (README: "about a second or two apart").</summary>
    public const long NominalRowSpacingMs = 2000;

    private static readonly string[] SecondFormats = { "M-d-yyyy H:mm:ss" };
    private static readonly string[] MinuteFormats = { "M-d-yy H:mm" };

    private RssiDataset(IReadOnlyList<string> beacons, IReadOnlyList<byte> beaconZones, IReadOnlyList<Cell> cells,
        IReadOnlyList<string> skipped, int minuteStampRows, int outOfOrderRows)
    {
        Beacons = beacons;
        BeaconZones = beaconZones;
        Cells = cells;
        Skipped = skipped;
        MinuteStampRows = minuteStampRows;
        OutOfOrderRows = outOfOrderRows;
    }

    /// <summary>Beacon names in column order ("b3001" ...).</summary>
    public IReadOnlyList<string> Beacons { get; }

    /// <summary>The zone of each beacon, by column.</summary>
    public IReadOnlyList<byte> BeaconZones { get; }

    /// <summary>Cells in the order they first appear in the file.</summary>
    public IReadOnlyList<Cell> Cells { get; }

    /// <summary>Rows left out, each as "line N: why".</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Rows whose date had no seconds.</summary>
    public int MinuteStampRows { get; }

    /// <summary>Rows whose stamp went back in time within their cell (held at the previous row's time).</summary>
    public int OutOfOrderRows { get; }

    public int RowCount => Cells.Sum(c => c.Rows.Count);

    /// <summary>Reads the CSV; throws <see cref="FormatException"/> with a one-line reason when the header is wrong.</summary>
    public static RssiDataset Parse(string csv, ZoneMap map)
    {
        string[] lines = csv.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
        {
            throw new FormatException("line 1: no header");
        }

        string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        int locationColumn = Array.FindIndex(header, h => h.Equals("location", StringComparison.OrdinalIgnoreCase));
        int dateColumn = Array.FindIndex(header, h => h.Equals("date", StringComparison.OrdinalIgnoreCase));
        if (locationColumn < 0 || dateColumn < 0)
        {
            throw new FormatException("line 1: the header needs 'location' and 'date' columns");
        }

        var beaconColumns = new List<int>();
        var beacons = new List<string>();
        var beaconZones = new List<byte>();
        for (int c = 0; c < header.Length; c++)
        {
            if (c == locationColumn || c == dateColumn)
            {
                continue;
            }

            byte zone = map.ZoneOfBeacon(header[c]);
            if (zone == 0)
            {
                throw new FormatException("line 1: beacon column '" + header[c] + "' has no cell in zones.json");
            }

            beaconColumns.Add(c);
            beacons.Add(header[c]);
            beaconZones.Add(zone);
        }

        // Rows of each cell as they come (newest first), with whether the stamp had seconds.
        var byCell = new Dictionary<string, List<(int Line, DateTime Stamp, bool HasSeconds, List<Reading> Readings)>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        var skipped = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int lineNumber = i + 1;
            string[] fields = line.Split(',');
            if (fields.Length != header.Length)
            {
                skipped.Add("line " + lineNumber + ": " + fields.Length + " fields, the header has " + header.Length);
                continue;
            }

            string cell = fields[locationColumn].Trim().ToUpperInvariant();
            if (map.ZoneOfCell(cell) == 0)
            {
                skipped.Add("line " + lineNumber + ": cell '" + cell + "' is in no zone of zones.json");
                continue;
            }

            string date = fields[dateColumn].Trim();
            bool hasSeconds;
            if (DateTime.TryParseExact(date, SecondFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime stamp))
            {
                hasSeconds = true;
            }
            else if (DateTime.TryParseExact(date, MinuteFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out stamp))
            {
                hasSeconds = false;
            }
            else
            {
                skipped.Add("line " + lineNumber + ": date '" + date + "' is not M-D-YYYY H:MM:SS or M-D-YY H:MM");
                continue;
            }

            var readings = new List<Reading>();
            string? bad = null;
            for (int b = 0; b < beaconColumns.Count; b++)
            {
                string text = fields[beaconColumns[b]].Trim();
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int rssi))
                {
                    bad = "line " + lineNumber + ": " + beacons[b] + " = '" + text + "' is not a whole number";
                    break;
                }

                if (rssi > NotHeardAtOrBelow)
                {
                    readings.Add(new Reading(b, rssi));
                }
            }

            if (bad != null)
            {
                skipped.Add(bad);
                continue;
            }

            if (!byCell.TryGetValue(cell, out var rows))
            {
                rows = new List<(int, DateTime, bool, List<Reading>)>();
                byCell[cell] = rows;
                order.Add(cell);
            }

            rows.Add((lineNumber, stamp, hasSeconds, readings));
        }

        var cells = new List<Cell>();
        int minuteRows = 0;
        int outOfOrder = 0;
        foreach (string name in order)
        {
            var fileOrder = byCell[name];
            var timed = new List<Row>(fileOrder.Count);
            long previousTime = 0;
            DateTime previousStamp = default;
            bool previousHadSeconds = true;
            for (int i = fileOrder.Count - 1; i >= 0; i--)
            {
                var r = fileOrder[i];
                long time = r.Stamp.Ticks / TimeSpan.TicksPerMillisecond;
                bool first = timed.Count == 0;
                if (!r.HasSeconds)
                {
                    minuteRows++;
                    if (!first && !previousHadSeconds && r.Stamp >= previousStamp && r.Stamp <= previousStamp.AddMinutes(1))
                    {
                        time = previousTime + NominalRowSpacingMs;
                    }
                }

                if (!first && time < previousTime)
                {
                    outOfOrder++;
                    time = previousTime;
                }

                timed.Add(new Row(r.Line, time, r.Readings));
                previousTime = time;
                previousStamp = r.Stamp;
                previousHadSeconds = r.HasSeconds;
            }

            cells.Add(new Cell(name, map.ZoneOfCell(name), timed));
        }

        return new RssiDataset(beacons, beaconZones, cells, skipped, minuteRows, outOfOrder);
    }
}
