using Beacons.Placement;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// Variants of the position fit (<see cref="PositionFitLocator"/>, <c>--posfit-try</c>) as the gateway runs it live
/// (<see cref="ZonePlacement"/>, the <c>beacons</c> line): the venue's receivers and zones on a map of both floors,
/// each zone sampled every <see cref="SpacingMetres"/> (<see cref="PositionFitMap.ZoneSamples"/>; the live map of
/// the demo venue, <see cref="ZonePlacement.MapOf"/>, samples it so too), and the drill's <see cref="BlindZones"/>
/// telling it which receivers are dead, so that their silence is not taken as "not here".
/// </summary>
public static class PositionFitCandidate
{
    /// <summary>The zones' sample spacing: its cost per device-step is measured by tools/Beacons.Benchmarks (docs/zones.md).</summary>
    public const double SpacingMetres = 3;

    public static EstimatorKind Kind(string name, PositionFitMap map, PositionFitSettings settings, ZoneSurvey? survey = null) =>
        new(name, blind => new PositionFitLocator(map, settings, (id, t) => blind.IsSilent(blind.SlotOf(id), t), survey));
}
