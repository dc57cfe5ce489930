using System.Globalization;

namespace Beacons.Placement.Scoring;

/// <summary>One advertising event a receiver heard: a row of a trace file, <c>t_ms,receiver,device,rssi</c>.</summary>
public readonly record struct TraceReading(long TMs, int Receiver, int Device, int Rssi);

/// <summary>Where a device truly was: a row of a truth file, <c>t_ms,device,zone</c>, one every 100 ms.</summary>
public readonly record struct TruthSample(long TMs, int Device, byte Zone);

/// <summary>A bad trace or truth file: the message is one line naming the file, the row and the problem.</summary>
public sealed class TraceFileException : Exception
{
    public TraceFileException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Reads trace and truth CSV files strictly: rows in time order, every receiver and zone known, the
/// truth covering every reading. Row numbers count the header as row 1, as an editor shows them.
/// </summary>
public static class TraceFiles
{
    public const string TraceHeader = "t_ms,receiver,device,rssi";
    public const string TruthHeader = "t_ms,device,zone";

    public static IReadOnlyList<TraceReading> ReadTrace(string path, IReadOnlyDictionary<int, byte> receiverZones) =>
        ParseTrace(ReadLines(path), Path.GetFileName(path), receiverZones);

    public static IReadOnlyList<TruthSample> ReadTruth(string path, IReadOnlySet<byte> zones) =>
        ParseTruth(ReadLines(path), Path.GetFileName(path), zones);

    public static IReadOnlyList<TraceReading> ParseTrace(IReadOnlyList<string> lines, string file, IReadOnlyDictionary<int, byte> receiverZones)
    {
        var rows = new List<TraceReading>();
        long last = long.MinValue;
        foreach (var (row, fields) in Rows(lines, file, TraceHeader, 4))
        {
            long t = Number(fields[0], file, row, "t_ms");
            int receiver = (int)Number(fields[1], file, row, "receiver");
            int device = (int)Number(fields[2], file, row, "device");
            int rssi = (int)Number(fields[3], file, row, "rssi");
            if (t < last)
            {
                throw Bad(file, row, $"out of time order ({t} ms after {last} ms)");
            }

            if (!receiverZones.ContainsKey(receiver))
            {
                throw Bad(file, row, $"unknown receiver {receiver} (not in the venue)");
            }

            last = t;
            rows.Add(new TraceReading(t, receiver, device, rssi));
        }

        return rows;
    }

    public static IReadOnlyList<TruthSample> ParseTruth(IReadOnlyList<string> lines, string file, IReadOnlySet<byte> zones)
    {
        var rows = new List<TruthSample>();
        long last = long.MinValue;
        foreach (var (row, fields) in Rows(lines, file, TruthHeader, 3))
        {
            long t = Number(fields[0], file, row, "t_ms");
            int device = (int)Number(fields[1], file, row, "device");
            long zone = Number(fields[2], file, row, "zone");
            if (t < last)
            {
                throw Bad(file, row, $"out of time order ({t} ms after {last} ms)");
            }

            if (zone < 1 || zone > 255 || !zones.Contains((byte)zone))
            {
                throw Bad(file, row, $"unknown zone {zone} (not in the venue)");
            }

            last = t;
            rows.Add(new TruthSample(t, device, (byte)zone));
        }

        return rows;
    }

    /// <summary>
    /// Throws unless every reading falls within its device's truth (from its first sample to 100 ms after
    /// its last): a reading the truth says nothing about cannot be scored.
    /// </summary>
    public static void CheckCovers(IReadOnlyList<TruthSample> truth, string truthFile, IReadOnlyList<TraceReading> trace, string traceFile)
    {
        var spans = new Dictionary<int, (long First, long Last)>();
        foreach (TruthSample s in truth)
        {
            spans[s.Device] = spans.TryGetValue(s.Device, out var span) ? (span.First, s.TMs) : (s.TMs, s.TMs);
        }

        for (int i = 0; i < trace.Count; i++)
        {
            TraceReading r = trace[i];
            if (!spans.TryGetValue(r.Device, out var span) || r.TMs < span.First || r.TMs > span.Last + Scorer.SampleMs)
            {
                throw new TraceFileException(
                    $"{truthFile}: does not cover {traceFile} row {i + 2} (device {r.Device} at {r.TMs} ms)");
            }
        }
    }

    private static IReadOnlyList<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceFileException($"{Path.GetFileName(path)}: cannot read: {e.Message}");
        }
    }

    private static IEnumerable<(int Row, string[] Fields)> Rows(IReadOnlyList<string> lines, string file, string header, int count)
    {
        int first = 0;
        while (first < lines.Count && lines[first].Trim().Length == 0)
        {
            first++;
        }

        if (first == lines.Count)
        {
            throw new TraceFileException($"{file}: empty file (expected the header {header} and rows)");
        }

        if (lines[first].Trim() != header)
        {
            throw Bad(file, first + 1, $"expected the header {header}");
        }

        bool any = false;
        for (int i = first + 1; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != count)
            {
                throw Bad(file, i + 1, $"expected {count} fields ({header}), found {fields.Length}");
            }

            any = true;
            yield return (i + 1, fields);
        }

        if (!any)
        {
            throw new TraceFileException($"{file}: empty file (a header and no rows)");
        }
    }

    private static long Number(string text, string file, int row, string field) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Bad(file, row, $"{field} '{text}' is not a whole number");

    private static TraceFileException Bad(string file, int row, string problem) => new($"{file}: row {row}: {problem}");
}
