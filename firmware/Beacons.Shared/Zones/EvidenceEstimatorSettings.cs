namespace Beacons.Zones
{
    /// <summary>
    /// The knobs of <see cref="EvidenceEstimator"/>, the candidate of issue 17 (docs/zones.md, "The
    /// evidence estimator"). The estimator copies these values when it is made.
    /// </summary>
    public sealed class EvidenceEstimatorSettings
    {
        public const int DefaultMaxSources = 16;
        public const int DefaultStepMs = 500;
        public const double DefaultSmoothingAlpha = 0.5;
        public const int DefaultHoldMs = 3000;
        public const double DefaultDecayDbPerSecond = 1.0;
        public const double DefaultBiasDb = 5.0;
        public const double DefaultQuickLeadDb = 6.0;
        public const double DefaultSwitchDb = 20.0;
        public const double DefaultFarSwitchDb = 30.0;
        public const int DefaultStaleMs = 20000;

        /// <summary>Sources remembered at once, in arrays made up front; the one heard least recently makes room.</summary>
        public int MaxSources = DefaultMaxSources;

        /// <summary>
        /// Evidence is taken on a fixed grid of the caller's clock, at whole multiples of this: each step
        /// sees the readings stamped before it, so the decisions do not depend on when Update is called.
        /// </summary>
        public int StepMs = DefaultStepMs;

        /// <summary>Weight of a step's mean reading in the source's level (0..1].</summary>
        public double SmoothingAlpha = DefaultSmoothingAlpha;

        /// <summary>How long a silent source keeps its level before it fades.</summary>
        public int HoldMs = DefaultHoldMs;

        /// <summary>After the hold, a silent source's level sinks by this many dB a second.</summary>
        public double DecayDbPerSecond = DefaultDecayDbPerSecond;

        /// <summary>
        /// At each step, a challenger zone's lead over the current zone, less this, is added to its
        /// evidence (which never goes below 0). A zone heard as well as the current one therefore loses
        /// this much a step: standing between two equal rooms builds no evidence.
        /// </summary>
        public double BiasDb = DefaultBiasDb;

        /// <summary>
        /// A lead beyond this counts twice: someone walking into a room, whose signal pulls far ahead,
        /// is shown sooner, while a small lead still has to last. 0 turns it off.
        /// </summary>
        public double QuickLeadDb = DefaultQuickLeadDb;

        /// <summary>Evidence (dB summed over steps) a neighbouring zone needs to take over.</summary>
        public double SwitchDb = DefaultSwitchDb;

        /// <summary>Evidence a zone that is not next door needs (when the estimator knows the neighbours).</summary>
        public double FarSwitchDb = DefaultFarSwitchDb;

        /// <summary>A source not heard for this long is forgotten; with none left the zone is unknown.</summary>
        public int StaleMs = DefaultStaleMs;
    }
}
