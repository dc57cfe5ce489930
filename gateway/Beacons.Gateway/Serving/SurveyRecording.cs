using System.Globalization;
using System.Text;
using Beacons.Placement.Scoring;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The two files of one calibration walk as it happens, in the formats <c>beacons evaluate</c> reads
/// (<see cref="TraceFiles"/>): the trace, every reading of the walk's badge by a venue receiver, and the truth,
/// the zone last tapped every 100 ms. Both start at the first tap. Once a second (and at the stop) what came
/// since is appended in whole lines and flushed to disk, the truth first, so a crash loses at most the last
/// second and leaves files the evaluator reads: rows in time order, a truth that covers every reading, and no
/// file without rows (a file is made with its first rows).
/// </summary>
internal sealed class SurveyRecording
{
    private readonly List<(long AtMs, byte Zone)> _taps = new();
    private readonly List<TraceReading> _pending = new();
    private long _lastTraceMs = long.MinValue;
    private long _nextTruthMs;

    public SurveyRecording(string folder, string name, int badge, long startedAtMs)
    {
        Name = name;
        Badge = badge;
        StartedAtMs = startedAtMs;
        TracePath = Path.Combine(folder, name + SurveyFiles.TraceEnding);
        TruthPath = Path.Combine(folder, name + SurveyFiles.TruthEnding);
    }

    public string Name { get; }

    public int Badge { get; }

    public long StartedAtMs { get; }

    public string TracePath { get; }

    public string TruthPath { get; }

    public IReadOnlyList<(long AtMs, byte Zone)> Taps => _taps;

    /// <summary>Readings by receiver since the first tap, and those while the badge was in the receiver's own zone.</summary>
    public Dictionary<int, (int All, int OwnZone)> Readings { get; } = new();

    /// <summary>Why the files could not be written at the last try (kept and tried again at the next), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The controller enters <paramref name="zone"/> now: the truth holds it from this moment.</summary>
    public void Tap(byte zone, long nowMs)
    {
        if (_taps.Count == 0)
        {
            _nextTruthMs = nowMs;
        }

        _taps.Add((nowMs, zone));
    }

    /// <summary>A reading of the walk's badge; before the first tap the truth says nothing, so it is not kept.</summary>
    public void Add(int receiverId, byte receiverZone, int rssi, long heardAtMs)
    {
        if (_taps.Count == 0 || heardAtMs < _taps[0].AtMs)
        {
            return;
        }

        (int all, int own) = Readings.GetValueOrDefault(receiverId);
        Readings[receiverId] = (all + 1, own + (ZoneAt(heardAtMs) == receiverZone ? 1 : 0));
        _pending.Add(new TraceReading(heardAtMs, receiverId, Badge, rssi));
    }

    /// <summary>Appends the truth up to <paramref name="nowMs"/> and the readings that came, and flushes both to disk.</summary>
    public void Flush(long nowMs)
    {
        if (_taps.Count == 0)
        {
            return;
        }

        try
        {
            var truth = new StringBuilder();
            long next = _nextTruthMs;
            for (; next <= nowMs; next += Scorer.SampleMs)
            {
                truth.Append(next.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Badge).Append(',').Append(ZoneAt(next)).Append('\n');
            }

            Append(TruthPath, TraceFiles.TruthHeader, truth);
            _nextTruthMs = next;

            // A reading can arrive after a later one was written (a receiver's report waits in its batch): it takes
            // the last written time, a few hundred milliseconds late, so the trace stays in time order.
            var trace = new StringBuilder();
            long last = _lastTraceMs;
            foreach (TraceReading r in _pending.OrderBy(r => r.TMs))
            {
                last = Math.Max(last, r.TMs);
                trace.Append(last.ToString(CultureInfo.InvariantCulture)).Append(',').Append(r.Receiver).Append(',').Append(r.Device).Append(',').Append(r.Rssi).Append('\n');
            }

            Append(TracePath, TraceFiles.TraceHeader, trace);
            _lastTraceMs = last;
            _pending.Clear();
            Problem = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem = e.Message;
        }
    }

    private byte ZoneAt(long tMs)
    {
        byte zone = _taps[0].Zone;
        foreach ((long atMs, byte z) in _taps)
        {
            if (atMs > tMs)
            {
                break;
            }

            zone = z;
        }

        return zone;
    }

    // One write of whole lines, then to the disk: a crash leaves the rows before it whole. The header comes with the first rows.
    private static void Append(string path, string header, StringBuilder rows)
    {
        if (rows.Length == 0)
        {
            return;
        }

        bool fresh = !File.Exists(path);
        byte[] bytes = Encoding.UTF8.GetBytes(fresh ? header + "\n" + rows : rows.ToString());
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }
}
