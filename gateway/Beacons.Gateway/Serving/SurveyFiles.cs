using System.Globalization;
using Beacons.Gateway.Record;
using Beacons.Placement.Scoring;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The calibration walks kept in a drill's survey folder, <c>walk-yyyyMMdd-HHmmss-trace.csv</c> and
/// <c>-truth.csv</c>, and what one teaches: per-receiver offsets learned by the code <c>beacons evaluate
/// --calibration-*</c> uses (<see cref="ReceiverOffsets"/>), from the files as that command reads them.
/// </summary>
public static class SurveyFiles
{
    public const string TraceEnding = "-trace.csv";
    public const string TruthEnding = "-truth.csv";
    private const string Prefix = "walk-";

    /// <summary>A new walk's name from the gateway's time (the laptop's local time), not yet taken in <paramref name="folder"/>.</summary>
    public static string NewName(string folder, long nowMs)
    {
        string stamp = Prefix + DateTimeOffset.FromUnixTimeMilliseconds(nowMs).ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string name = stamp;
        for (int n = 2; File.Exists(Path.Combine(folder, name + TraceEnding)) || File.Exists(Path.Combine(folder, name + TruthEnding)); n++)
        {
            name = $"{stamp}-{n}";
        }

        return name;
    }

    /// <summary>What the walk <paramref name="name"/> teaches: an offset for every receiver of the venue. Throws <see cref="TraceFileException"/> naming the file, row and problem.</summary>
    public static ReceiverOffsetsApplied Learn(Beacons.Venue.Venue venue, string folder, string name)
    {
        var scoring = ScoringVenue.From(venue);
        ScoredTrace walk = ScoredTrace.Read(scoring, Path.Combine(folder, name + TraceEnding), Path.Combine(folder, name + TruthEnding));
        IReadOnlyDictionary<int, double> offsets = ReceiverOffsets.Learn(walk.Trace, walk.Truth, scoring.ReceiverZones);
        IReadOnlyDictionary<int, int> readings = ReceiverOffsets.OwnZoneReadings(walk.Trace, walk.Truth, scoring.ReceiverZones);
        return new ReceiverOffsetsApplied(name, venue.Receivers
            .Select(r => new ReceiverOffset(r.Id, offsets[r.Id], readings.GetValueOrDefault(r.Id), readings.GetValueOrDefault(r.Id) >= ReceiverOffsets.MinReadings))
            .ToList());
    }

    /// <summary>
    /// True when the walk heard at least two receivers enough from their own zones to learn their offsets. An offset
    /// compares a receiver with the others the walk learned (<see cref="ReceiverOffsets"/>), so one alone is always 0 dB:
    /// such a walk, applied, would only put every receiver back at 0 dB in place of the walk in force.
    /// </summary>
    public static bool Teaches(ReceiverOffsetsApplied walk) => walk.Offsets.Count(o => o.Learned) >= 2;

    /// <summary>
    /// The newest walk in <paramref name="folder"/> that teaches something (null: none), and a line for each newer
    /// one passed over, saying why.
    /// </summary>
    public static (ReceiverOffsetsApplied? Latest, IReadOnlyList<string> Skipped) Latest(Beacons.Venue.Venue venue, string folder)
    {
        var skipped = new List<string>();
        if (!Directory.Exists(folder))
        {
            return (null, skipped);
        }

        IEnumerable<string> names = Directory.EnumerateFiles(folder, Prefix + "*" + TraceEnding)
            .Select(p => Path.GetFileName(p)[..^TraceEnding.Length])
            .OrderByDescending(n => n, StringComparer.Ordinal);
        foreach (string name in names)
        {
            try
            {
                ReceiverOffsetsApplied walk = Learn(venue, folder, name);
                if (Teaches(walk))
                {
                    return (walk, skipped);
                }

                skipped.Add($"{name}: fewer than two receivers heard enough from their own zones");
            }
            catch (TraceFileException e)
            {
                skipped.Add($"{name}: {e.Message}");
            }
        }

        return (null, skipped);
    }
}
