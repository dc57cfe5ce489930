namespace Beacons.Zones
{
    /// <summary>
    /// The knobs of <see cref="EvidenceEstimator"/>, the candidate of issue 17 (docs/zones-tried.md,
    /// "Candidate: the evidence estimator (not live): how it decides, cost, optional ways"). The estimator copies these values when it is made.
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
        public const double DefaultRisingLeadDb = 0;
        public const double DefaultRiseDb = 5.0;
        public const double DefaultTrendAlpha = 0.3;
        public const double DefaultSlowAlpha = 0;
        public const double DefaultMissDbm = 0;
        public const double DefaultSlowLeadDb = 2.0;
        public const int DefaultSlowMinSteps = 6;

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

        /// <summary>
        /// A neighbouring zone that leads every other zone by this much at a step, and stands
        /// <see cref="RiseDb"/> above its own trend, takes over at once: walking into a room makes its
        /// signal climb and pull ahead; standing at a wall makes nothing climb. 0 turns this way off.
        /// </summary>
        public double RisingLeadDb = DefaultRisingLeadDb;

        /// <summary>How far above its trend a zone must be to count as rising.</summary>
        public double RiseDb = DefaultRiseDb;

        /// <summary>Weight of a step's mean reading in a source's trend (slower than <see cref="SmoothingAlpha"/>).</summary>
        public double TrendAlpha = DefaultTrendAlpha;

        /// <summary>
        /// The slow way: each source's mean since the last move (the evidence's or the rising way's),
        /// turning into an average with this weight; a zone whose slow level leads the current zone's by
        /// <see cref="SlowLeadDb"/> takes over. For a device standing still, whose first answer came from a
        /// few readings. 0 turns it off.
        /// </summary>
        public double SlowAlpha = DefaultSlowAlpha;

        /// <summary>The level a source's missed step counts as in the slow level (when another source was heard); 0: not counted.</summary>
        public double MissDbm = DefaultMissDbm;

        /// <summary>How far a zone's slow level must lead the current zone's to take over the slow way.</summary>
        public double SlowLeadDb = DefaultSlowLeadDb;

        /// <summary>Steps since the last move before the slow way may act.</summary>
        public int SlowMinSteps = DefaultSlowMinSteps;
    }
}
