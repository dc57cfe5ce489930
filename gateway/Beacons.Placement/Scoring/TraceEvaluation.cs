namespace Beacons.Placement.Scoring;

/// <summary>A trace and its truth, read strictly against a venue.</summary>
public sealed record ScoredTrace(ScoringVenue Venue, IReadOnlyList<TraceReading> Trace, IReadOnlyList<TruthSample> Truth)
{
    /// <summary>Reads both files; throws <see cref="TraceFileException"/> with one line naming the file, the row and the problem.</summary>
    public static ScoredTrace Read(ScoringVenue venue, string tracePath, string truthPath)
    {
        var trace = TraceFiles.ReadTrace(tracePath, venue.ReceiverZones);
        var truth = TraceFiles.ReadTruth(truthPath, venue.Zones);
        TraceFiles.CheckCovers(truth, Path.GetFileName(truthPath), trace, Path.GetFileName(tracePath));
        return new ScoredTrace(venue, trace, truth);
    }
}

/// <summary>
/// What <c>beacons evaluate</c> prints: ours and every baseline (<see cref="Locators.All"/>) replayed over a
/// trace and scored against its truth, with the per-receiver offsets of a calibration walk when one is given.
/// </summary>
public static class TraceEvaluation
{
    public static IReadOnlyList<ScoreLine> Score(ScoredTrace test, ScoredTrace? calibration)
    {
        IEnumerable<LocatorKind> kinds = Locators.All(test.Venue);
        if (calibration != null)
        {
            var offsets = ReceiverOffsets.Learn(calibration.Trace, calibration.Truth, test.Venue.ReceiverZones);
            kinds = kinds.Select(k => ReceiverOffsets.Apply(k, offsets));
        }

        return ScoreReport.ScoreAll(test.Trace, test.Truth, kinds);
    }
}
