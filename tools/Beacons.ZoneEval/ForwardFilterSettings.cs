#nullable disable
namespace Beacons.ZoneEval
{
    /// <summary>
    /// The knobs of <see cref="ForwardFilter"/>. The defaults suit both directions: the gateway
    /// (receivers report a badge a few times a second) and a badge (anchors heard in scan windows a few
    /// seconds apart). docs/zones.md ("Settings and defaults") gives the reasons and the measurements
    /// behind each default. The estimator copies these values when it is made; changing them later has
    /// no effect on it.
    /// </summary>
    public sealed class ForwardFilterSettings
    {
        public const int DefaultMaxSources = 16;
        public const double DefaultSmoothingAlpha = 0.4;
        public const int DefaultHoldMs = 3000;
        public const double DefaultDecayDbPerSecond = 1.0;
        public const double DefaultMoveChance = 0.05;
        public const double DefaultEvidenceDb = 8.0;
        public const double DefaultSwitchRatio = 50.0;
        public const double DefaultConfirmProbability = 0.9;
        public const int DefaultDwellMs = 3000;
        public const int DefaultDecisionIntervalMs = 500;
        public const int DefaultStaleMs = 20000;

        /// <summary>
        /// Sources (receivers or anchors) remembered at once, in arrays made up front. A badge is rarely
        /// heard by more than a handful of receivers at a time; when the table is full the source heard
        /// least recently makes room.
        /// </summary>
        public int MaxSources = DefaultMaxSources;

        /// <summary>
        /// Weight of a step's readings (their mean) in the source's level (0..1]. Lower quiets a device
        /// standing at a wall and follows a real move a step or two later.
        /// </summary>
        public double SmoothingAlpha = DefaultSmoothingAlpha;

        /// <summary>
        /// How long a silent source keeps its full level. Reports go missing in twos and threes
        /// (collisions, a receiver cycling its scan), so three missed seconds are not yet evidence of
        /// anything.
        /// </summary>
        public int HoldMs = DefaultHoldMs;

        /// <summary>
        /// After the hold, a silent source's level sinks by this many dB a second, so its zone fades
        /// instead of vanishing: a neighbour heard weakly does not win the moment a strong source falls
        /// silent (the "snap" of other systems).
        /// </summary>
        public double DecayDbPerSecond = DefaultDecayDbPerSecond;

        /// <summary>
        /// The filter's chance, at each step, that the device moved to another zone (0..1). It also bounds
        /// how sure the filter gets, so how long a contrary lead takes to win.
        /// </summary>
        public double MoveChance = DefaultMoveChance;

        /// <summary>
        /// How much a zone's score below the leader's counts against it at each step: every this many dB
        /// divide its weight by e. Larger trusts one step's scores less.
        /// </summary>
        public double EvidenceDb = DefaultEvidenceDb;

        /// <summary>
        /// The hysteresis: another zone is shown only once the filter finds it this many times as likely
        /// as the zone shown (1: the most likely zone is always shown).
        /// </summary>
        public double SwitchRatio = DefaultSwitchRatio;

        /// <summary>
        /// The hysteresis guards a zone only once the filter has given it at least this chance since it
        /// was shown; until then the most likely zone is shown (0: always guarded).
        /// </summary>
        public double ConfirmProbability = DefaultConfirmProbability;

        /// <summary>
        /// A zone that is not next door to the current one (the estimator was given the neighbours) must
        /// have had the strongest score at every step for this long before it is shown: a jump to the
        /// room below or across a corridor is what a noisy moment looks like.
        /// </summary>
        public int DwellMs = DefaultDwellMs;

        /// <summary>
        /// The filter steps at every whole multiple of this on the caller's clock, from the readings
        /// stamped before the step. The gateway calls Update on every report, a badge once a second; the
        /// answers are the same, because the steps do not depend on the calls.
        /// </summary>
        public int DecisionIntervalMs = DefaultDecisionIntervalMs;

        /// <summary>
        /// A source not heard for this long is forgotten; when every source is forgotten the zone is
        /// unknown (Zone.None). Twenty seconds spans several badge scan windows and about twenty missed
        /// gateway reports: long enough not to blink to "unknown" in a dead spot, short enough that a
        /// badge switched off or carried out of range stops showing a zone (no ghosts).
        /// </summary>
        public int StaleMs = DefaultStaleMs;
    }
}
