using Beacons.Placement;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// Issue 17's position fit (<see cref="PositionFitLocator"/>, not live) as the gateway would run it: the venue's
/// receivers and zones on a map of both floors, each zone sampled every <see cref="SpacingMetres"/>
/// (<see cref="PositionFitMap.ZoneSamples"/>), and the drill's <see cref="BlindZones"/> telling it which receivers
/// are dead, so that their silence is not taken as "not here". No blind-zone fallback: the fit places a device in
/// a zone without a working receiver by itself.
/// </summary>
public static class PositionFitCandidate
{
    /// <summary>The zones' sample spacing: its cost per device-step is measured by tools/Beacons.Benchmarks (docs/zones.md).</summary>
    public const double SpacingMetres = 3;

    public static EstimatorKind Kind(string name, PositionFitMap map, PositionFitSettings settings) =>
        new(name, blind => new PositionFitLocator(map, settings, (id, t) => blind.IsSilent(blind.SlotOf(id), t)));
}
