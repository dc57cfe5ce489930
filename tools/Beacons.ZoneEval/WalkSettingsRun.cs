using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// The position fit with what a calibration walk teaches it besides the receivers' offsets (<see cref="PositionFitCalibration"/>):
/// leave one walk out, the wall loss (and the exponent) chosen on the other walks, by each criterion, and the walk left out
/// scored with those settings and the other walks' offsets. Prints each fold's choice; returns one line per way of choosing:
/// "pf+wall" chooses the wall loss, "pf+wall+n" the wall loss and the exponent together, each by the criterion in brackets,
/// with the receivers' offsets; "pf+law+wall" the wall loss with the offsets of the fit's own law (<see cref="PositionFitCalibration.LawOffsets"/>) instead;
/// "pf+law" the law's offsets with the default settings.
/// </summary>
public static class WalkSettingsRun
{
    private static readonly (string Name, CalibrationCriterion Criterion, bool Exponent, bool LawOffsets)[] Ways =
    [
        ("pf+wall (replay)", CalibrationCriterion.Replay, false, false),
        ("pf+wall+n (replay)", CalibrationCriterion.Replay, true, false),
        ("pf+wall (levels)", CalibrationCriterion.Levels, false, false),
        ("pf+wall+n (levels)", CalibrationCriterion.Levels, true, false),
        ("pf+law+wall (levels)", CalibrationCriterion.Levels, false, true),
    ];

    public static IReadOnlyList<ScoreLine> LeaveOneWalkOut(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue, PositionFitMap map)
    {
        var lines = new List<ScoreLine>();
        var choices = new List<string>();
        // The law's offsets alone, at the default wall loss: what they are worth apart from the wall loss chosen with them.
        lines.Add(Scorer.Score("pf+law", PositionFitRun.LeaveOneOut(trace, truth, d => d, (otherTrace, otherTruth) =>
            ReceiverOffsets.Apply(PositionFitRun.Kind("pf+law", venue, map, new PositionFitSettings()),
                PositionFitCalibration.LawOffsets(otherTrace, otherTruth, map, new PositionFitSettings())))));
        foreach (var way in Ways)
        {
            var chosen = new List<string>();
            var answers = PositionFitRun.LeaveOneOut(trace, truth, d => d, (otherTrace, otherTruth) =>
            {
                var offsets = ReceiverOffsets.Learn(otherTrace, otherTruth, venue.ReceiverZones);
                var choice = PositionFitCalibration.Choose(otherTrace, otherTruth, map, venue.ReceiverZones, offsets, way.Exponent, way.Criterion, way.LawOffsets);
                chosen.Add(string.Format(CultureInfo.InvariantCulture, "{0:0.#} dB / {1:0.0#}", choice.Settings.WallDb, choice.Settings.Exponent));
                return ReceiverOffsets.Apply(PositionFitRun.Kind(way.Name, venue, map, choice.Settings), choice.Offsets);
            });
            lines.Add(Scorer.Score(way.Name, answers));
            choices.Add($"{way.Name}: {string.Join(", ", chosen)}");
        }

        Console.WriteLine("Wall loss / exponent each fold chose (walks left out in turn, " + string.Join(", ", truth.Select(s => s.Device).Distinct()) + "):");
        choices.ForEach(Console.WriteLine);
        return lines;
    }
}
