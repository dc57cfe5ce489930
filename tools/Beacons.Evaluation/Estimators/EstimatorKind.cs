using Beacons.Placement.Scoring;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// One estimator kind: its name in the table and how to make one per device, given the drill's
/// <see cref="Placement.BlindZones"/> (which receivers are heard from; the gateway's estimate uses it, baselines
/// do not). The baselines are the scoring library's (<c>Beacons.Placement.Scoring</c>), the ones
/// <c>beacons evaluate</c> scores, asked here every half second.
/// </summary>
public sealed record EstimatorKind(string Name, Func<Placement.BlindZones, IZoneLocator> Create);
