using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.ZoneEval;

/// <summary>
/// Scores a trace and its truth with ours and every baseline through the scoring library: a venue's
/// files (the receiver-direction sets, such as ../shared/data/flat-walks) or the UCI rows as a trace.
/// </summary>
public static class TraceSet
{
    public static int Run(string dir, bool json)
    {
        try
        {
            ScoredTrace set = Read(dir);
            ScoringVenue venue = set.Venue;
            Print(set.Trace, set.Truth, venue, json);
            if (!json)
            {
                PrintCalibrated(set.Trace, set.Truth, venue);
            }

            return 0;
        }
        catch (Exception e) when (e is TraceFileException or Beacons.Venue.ConfigFileException)
        {
            Console.Error.WriteLine("zone-eval: " + e.Message);
            return 1;
        }
    }

    /// <summary>A folder of a receiver-direction set as the tools read it: its venue.json, trace.csv and truth.csv.</summary>
    public static ScoredTrace Read(string dir) =>
        ScoredTrace.Read(ScoringVenue.From(Beacons.Venue.VenueFile.Load(Path.Combine(dir, "venue.json"))), Path.Combine(dir, "trace.csv"), Path.Combine(dir, "truth.csv"));

    /// <summary>
    /// Leave one device (walk) out: per-receiver offsets learned from the other walks' traces and truths,
    /// every locator scored on the walk left out with them, all walks pooled.
    /// </summary>
    private static void PrintCalibrated(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue)
    {
        var kinds = Kinds(venue);
        var answers = kinds.ToDictionary(k => k.Name, _ => new List<DeviceAnswers>());
        foreach (int device in truth.Select(s => s.Device).Distinct())
        {
            var offsets = ReceiverOffsets.Learn(
                trace.Where(r => r.Device != device).ToList(), truth.Where(s => s.Device != device).ToList(), venue.ReceiverZones);
            var testTrace = trace.Where(r => r.Device == device).ToList();
            var testTruth = truth.Where(s => s.Device == device).ToList();
            foreach (LocatorKind kind in kinds)
            {
                answers[kind.Name].AddRange(Replay.Run(testTrace, testTruth, ReceiverOffsets.Apply(kind, offsets)));
            }
        }

        Console.WriteLine();
        var walkSettings = WalkSettingsRun.LeaveOneWalkOut(trace, truth, venue, ZonePlacement.MapOf(venue.Venue!));
        Console.WriteLine("With a calibration walk: per-receiver offsets (and the position fit's wall loss and exponent, as named) from the other walks, each walk scored in turn:");
        Console.Write(ScoreReport.Table([.. kinds.Select(k => Scorer.Score(k.Name, answers[k.Name])), .. walkSettings]));
    }

    /// <summary>What <c>beacons evaluate</c> scores (its <c>beacons</c> is the position fit), and issue 17's badge-side candidate beside it.</summary>
    private static IReadOnlyList<LocatorKind> Kinds(ScoringVenue venue) =>
    [
        .. Locators.All(venue),
        Locators.PerDevice("evidence", venue, () => new EvidenceLocator(new EvidenceEstimator(new EvidenceEstimatorSettings(), venue.Neighbours))),
    ];

    public static void Print(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue, bool json)
    {
        var lines = ScoreReport.ScoreAll(trace, truth, Kinds(venue));
        Console.Write(json ? ScoreReport.Json(lines) + Environment.NewLine : ScoreReport.Table(lines));
    }

    /// <summary>The evidence estimator, issue 17's second candidate (firmware/Beacons.Shared/Zones), scored beside the live one.</summary>
    public sealed class EvidenceLocator(EvidenceEstimator estimator) : IZoneLocator
    {
        public void Observe(int receiver, byte zone, int rssi, long tMs) => estimator.Observe(receiver, zone, rssi, tMs);

        public byte Update(long tMs) => estimator.Update(tMs);
    }
}
