namespace Beacons.Placement;

/// <summary>The position fit's settings (docs/zones.md, "Position fit"); the defaults are the ones its tables show.</summary>
public sealed class PositionFitSettings
{
    public long StepMs = 500;
    public double SmoothingAlpha = 0.7;

    /// <summary>A receiver not heard for this long is taken as not hearing the device (censored below <see cref="FloorDbm"/>).</summary>
    public long HoldMs = 5000;

    /// <summary>Nothing heard for this long: unknown.</summary>
    public long StaleMs = 20000;

    /// <summary>The law's exponent: <c>P0 - 10 n log10(d)</c> (not read where the venue's walls are counted: <see cref="VenueWallsExponent"/>).</summary>
    public double Exponent = 2.3;

    /// <summary>The receiver's height above the device, in the map's unit: no point is nearer than that.</summary>
    public double HeightOffset = 1.0;

    /// <summary>What a receiver that does not hear the device is taken to hear at most.</summary>
    public double FloorDbm = -82;

    /// <summary>The spread of a level around the model, dB: the fit's squared error over twice its square is the log-likelihood.</summary>
    public double SigmaDb = 6;

    /// <summary>How strongly the per-step P0 is pulled to the device's running P0 (weight of one receiver's residual).</summary>
    public double PriorWeight = 0.5;

    /// <summary>The venue's level at distance 0 (NaN: none; the device's own running P0 is the prior).</summary>
    public double P0Dbm = double.NaN;

    /// <summary>How fast the device's running P0 follows each step's fitted one.</summary>
    public double P0Alpha = 0.05;

    /// <summary>
    /// 1: a receiver that does not hear the device counts as the chance that its reading fell below the floor
    /// (a censored normal: <c>-log Φ((floor - predicted) / σ)</c>); 0: as the squared amount by which the model
    /// puts it above the floor.
    /// </summary>
    public double Censored = 1;

    /// <summary>With <see cref="Censored"/>: the chance that a receiver misses a device it could hear (a scan that missed the advert).</summary>
    public double MissChance = 0.6;

    /// <summary>Scales each step's log-likelihood: below 1, steps count as less than independent (levels are smoothed, so they are not).</summary>
    public double EvidenceWeight = 1;

    /// <summary>
    /// Above 0: once a device's levels have held steady for this many steps in a row it is taken to stand still, and each
    /// step's evidence counts <see cref="StillEvidence"/> of a step's, until they move again (<see cref="PositionFitStillness"/>);
    /// 0: every step's evidence counts in full.
    /// </summary>
    public int StillAfterSteps = 20;

    /// <summary>With <see cref="StillAfterSteps"/>: the weight of a still device's step of evidence.</summary>
    public double StillEvidence = 0.1;

    /// <summary>With <see cref="StillAfterSteps"/>: the most the levels' means may change, as a root mean square over the receivers, for a step to count as steady (dB).</summary>
    public double StillDriftDb = 3.5;

    /// <summary>With <see cref="StillAfterSteps"/>: the steps in each of the two windows whose mean levels are compared.</summary>
    public int StillWindowSteps = 6;

    /// <summary>With <see cref="StillAfterSteps"/>: a receiver that starts hearing the device counts as a change only within this many dB of the loudest level.</summary>
    public double StillEntryDb = 10;

    public double MoveChance = 0.03;

    /// <summary>A new zone is shown when it is this many times as likely as the shown one.</summary>
    public double SwitchRatio = 5;

    /// <summary>
    /// What a wall takes from a receiver's level: a point outside the receiver's own zone is predicted this much weaker
    /// (dB). Not read where the venue's walls are counted (<see cref="VenueWalls"/>).
    /// </summary>
    public double WallDb = 3;

    /// <summary>
    /// 1: on a venue file that lists walls, the wall term is the loss of every listed wall the straight path from the
    /// point to the receiver crosses, as the simulator's radio counts them (<see cref="PositionFitMap.WallLosses"/>);
    /// 0: one wall of <see cref="WallDb"/> outside the receiver's own zone even so. A venue that lists no walls always
    /// takes the one wall.
    /// </summary>
    public double VenueWalls = 1;

    /// <summary>
    /// With <see cref="VenueWalls"/>, on a venue that lists walls: the law's exponent in place of <see cref="Exponent"/>. With every
    /// wall counted apart, a level falls more slowly with distance than where one wall stands for them all.
    /// </summary>
    public double VenueWallsExponent = 1.6;

    /// <summary>
    /// How a receiver not heard within <see cref="HoldMs"/> enters when it hears the device again (once the device is
    /// placed): at that first step it counts as <c>floor + EntryAlpha (mean - floor)</c>, from its second step on as its
    /// readings give. 1: as its readings give at once, so that one loud advert weighs as much as a receiver heard every
    /// step and, held for <see cref="HoldMs"/>, can move the device across the building (docs/zones.md, "Levels").
    /// </summary>
    public double EntryAlpha = 0.6;

    /// <summary>
    /// With <see cref="EntryAlpha"/>: only a receiver that had not heard the device for longer than this (or never)
    /// enters from the floor; one heard again after a shorter gap takes its readings (0: every entry from the floor).
    /// </summary>
    public long EntryAfterMs = 30000;

    /// <summary>Above 0: a receiver heard in only one step since it entered is held this long, not <see cref="HoldMs"/> (a lone advert is not a presence).</summary>
    public long SingleHoldMs = 500;

    /// <summary>
    /// With a <see cref="ZoneSurvey"/> given to the locator: at each step with new readings, each zone's error gains
    /// this times minus the survey's log-likelihood of the step's hearing and levels; 0: the survey is not used.
    /// </summary>
    public double SurveyWeight = 0;

    /// <summary>With <see cref="SurveyWeight"/>: the weight of the levels' term against the hearing's.</summary>
    public double SurveyLevelWeight = 1;

    /// <summary>With <see cref="SurveyWeight"/>: at a device's first step, each zone's error also gains this times minus the log of its share of the survey's steps.</summary>
    public double SurveyPrior = 0;

    /// <summary>
    /// The defaults with the fields <paramref name="spec"/> names changed, as the tools' <c>--posfit-try</c> gives them:
    /// <c>"Field=value,Field=value"</c>, numbers in invariant culture.
    /// </summary>
    public static PositionFitSettings Parse(string spec) => SettingsVariant.Apply(new PositionFitSettings(), spec, "a position-fit");
}
