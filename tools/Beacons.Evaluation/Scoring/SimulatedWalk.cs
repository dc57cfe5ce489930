using Beacons.Evaluation.Estimators;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Scenario;

namespace Beacons.Evaluation.Scoring;

/// <summary>
/// A calibration walk before the simulated drill (<see cref="CalibrationWalkScenario"/>), recorded with the drill's radio
/// and seed as a trace and its truth, and what the gateway learns from a real one (docs/zones.md, "Calibration walk"):
/// the receivers' offsets (<see cref="ReceiverOffsets"/>); and for the position fit its own law's offsets and the wall loss
/// that fits the walk's levels best (<see cref="PositionFitCalibration"/>). <see cref="Kinds"/> are the drill's locators
/// with what the walk taught.
/// </summary>
public sealed record SimulatedWalk(
    IReadOnlyDictionary<int, double> Offsets, int ReceiversLearned, PositionFitCalibration.Choice PositionFit, int ZonesWalked, int Zones, double Minutes)
{
    /// <summary>With <c>--walk-exponent</c>: the law's offsets, wall loss and exponent chosen together (a fifth line), or null.</summary>
    public PositionFitCalibration.Choice? WithExponent { get; init; }

    /// <summary>The walk as a zone survey, its readings moved by its offsets (<c>--walk-survey</c>).</summary>
    public ZoneSurvey? Survey { get; init; }

    public static SimulatedWalk Record(DrillFiles files, SimulationOptions options, ScoringVenue venue, PositionFitMap map, bool exponent = false)
    {
        DrillScenario walk = CalibrationWalkScenario.For(files.Venue, files.Exercise, files.Scenario, options.Seed);
        DrillTrace trace = DrillRecording.Run(files with { Scenario = walk }, options).Trace;
        var offsets = ReceiverOffsets.Learn(trace.Readings, trace.Officers, venue.ReceiverZones);
        int learned = ReceiverOffsets.OwnZoneReadings(trace.Readings, trace.Officers, venue.ReceiverZones).Count(p => p.Value >= ReceiverOffsets.MinReadings);
        var positionFit = PositionFitCalibration.Choose(trace.Readings, trace.Officers, map, venue.ReceiverZones, offsets,
            criterion: CalibrationCriterion.Levels, lawOffsets: true);
        var withExponent = exponent
            ? PositionFitCalibration.Choose(trace.Readings, trace.Officers, map, venue.ReceiverZones, offsets, exponent: true, criterion: CalibrationCriterion.Levels, lawOffsets: true)
            : null;
        return new SimulatedWalk(offsets, learned, positionFit, trace.Officers.Select(s => s.Zone).Distinct().Count(), files.Venue.Zones.Count, walk.DurationSeconds / 60)
        {
            WithExponent = withExponent,
            Survey = ZoneSurvey.Learn(ReceiverOffsets.Moved(trace.Readings, offsets), trace.Officers, new PositionFitSettings().StepMs),
        };
    }

    /// <summary>The names of <see cref="Kinds"/>, in order, the same for every walk.</summary>
    public static readonly string[] Names = ["beacons + walk", "previous + walk", "position-fit + walk (law offsets, wall)"];

    /// <summary>
    /// The live placement (the position fit) and "previous" with the walk's receiver offsets, as the gateway applies them
    /// today; and the position fit with its law's offsets and wall loss instead.
    /// </summary>
    /// <param name="surveyTries">With <c>--walk-survey</c>: settings of the position fit each given the walk as a zone survey (and its offsets), a line each.</param>
    public IReadOnlyList<LocatorKind> Kinds(ScoringVenue venue, PositionFitMap map, IReadOnlyList<string> surveyTries) =>
    [
        ReceiverOffsets.Apply(Locators.Beacons(venue) with { Name = Names[0] }, Offsets),
        ReceiverOffsets.Apply(Locators.Previous(venue) with { Name = Names[1] }, Offsets),
        ReceiverOffsets.Apply(PositionFitCandidate.Kind(Names[2], map, PositionFit.Settings).In(venue), PositionFit.Offsets),
        .. WithExponent == null ? [] : new[]
        {
            ReceiverOffsets.Apply(PositionFitCandidate.Kind("position-fit + walk (law offsets, wall, exponent)", map, WithExponent.Settings).In(venue), WithExponent.Offsets),
        },
        .. surveyTries.Select(spec => ReceiverOffsets.Apply(
            PositionFitCandidate.Kind("beacons + walk survey " + spec, map, PositionFitSettings.Parse(spec), Survey).In(venue), Offsets)),
    ];
}
