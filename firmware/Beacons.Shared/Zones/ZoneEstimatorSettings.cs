namespace Beacons.Zones
{
    /// <summary>
    /// The knobs of <see cref="ZoneEstimator"/>. The defaults suit both directions: the gateway
    /// (receivers report a badge a few times a second) and a badge (anchors heard in scan windows a few
    /// seconds apart). docs/zones.md gives the reasons and the measurements behind each default.
    /// The estimator copies these values when it is made; changing them later has no effect on it.
    /// </summary>
    public sealed class ZoneEstimatorSettings
    {
        public const int DefaultMaxSources = 16;
        public const double DefaultSmoothingAlpha = 0.5;
        public const double DefaultTrendAlpha = 0.2;
        public const int DefaultHoldMs = 3000;
        public const double DefaultDecayDbPerSecond = 1.0;
        public const double DefaultMarginDb = 6.0;
        public const int DefaultDwellMs = 3000;
        public const double DefaultRisingLeadDb = 4.0;
        public const double DefaultRiseDb = 5.0;
        public const double DefaultClearLeadDb = 8.0;
        public const double DefaultNoiseReferenceDb = 2.5;
        public const int DefaultDecisionIntervalMs = 500;
        public const int DefaultStaleMs = 20000;

        /// <summary>
        /// Sources (receivers or anchors) remembered at once, in arrays made up front. A badge is rarely
        /// heard by more than a handful of receivers at a time; when the table is full the source heard
        /// least recently makes room.
        /// </summary>
        public int MaxSources = DefaultMaxSources;

        /// <summary>
        /// Weight of a new reading in the source's running average (0..1]. 0.5 halves a one-off spike or
        /// fade at once and follows a real change within two or three readings.
        /// </summary>
        public double SmoothingAlpha = DefaultSmoothingAlpha;

        /// <summary>
        /// Weight of a new reading in the source's slower "trend" average (0..1], the reference a rise is
        /// measured against. 0.2 remembers the last five or so readings (a couple of seconds at the
        /// gateway): long enough that a walk into a room shows as a rise, short enough that a device
        /// standing still shows none.
        /// </summary>
        public double TrendAlpha = DefaultTrendAlpha;

        /// <summary>
        /// How long a silent source keeps its full score. Reports go missing in twos and threes
        /// (collisions, a receiver cycling its scan), so three missed seconds are not yet evidence of
        /// anything.
        /// </summary>
        public int HoldMs = DefaultHoldMs;

        /// <summary>
        /// After the hold, a silent source's score sinks by this many dB a second, so its zone fades
        /// instead of vanishing: a neighbour heard weakly does not win the moment a strong source falls
        /// silent (the "snap" of other systems), while a neighbour that is really getting stronger wins
        /// as soon as it beats the fading score.
        /// </summary>
        public double DecayDbPerSecond = DefaultDecayDbPerSecond;

        /// <summary>
        /// The patient way to change zones: a challenger zone at least this many dB above the current
        /// zone, at every decision for <see cref="DwellMs"/>. It is what is left when neither quick way
        /// below applies: a device standing near a wall, or in a dead spot, where nothing is rising and
        /// nothing is clearly ahead. Readings of a still device spread by about 3 dB; 6 dB is two of those.
        /// </summary>
        public double MarginDb = DefaultMarginDb;

        /// <summary>
        /// ...for this long, without a break, before the zone changes by the patient way. Three seconds,
        /// six decisions in a row, outlasts most ups and downs of a device standing between two rooms.
        /// </summary>
        public int DwellMs = DefaultDwellMs;

        /// <summary>
        /// Quick way 1, a rising leader: the leading zone wins at once when it leads every other zone by
        /// at least this many dB AND its score is <see cref="RiseDb"/> above its own trend. Walking into a
        /// room makes that room's signal climb; standing near a wall does not. 0 turns this way off.
        /// </summary>
        public double RisingLeadDb = DefaultRisingLeadDb;

        /// <summary>How far (dB) a zone's score must be above its trend to count as rising.</summary>
        public double RiseDb = DefaultRiseDb;

        /// <summary>
        /// Quick way 2, a clear leader: the leading zone wins at once when it leads every other zone by at
        /// least this many dB, rising or not, while the current zone is still heard (weaker, not silent).
        /// A zone that went silent is never beaten this way: it may be a dead receiver, so it is outlasted
        /// by the patient way instead. 0 turns this way off.
        /// </summary>
        public double ClearLeadDb = DefaultClearLeadDb;

        /// <summary>
        /// How much readings may scatter (dB, their mean distance from the source's running average)
        /// before the clear lead is raised in proportion: readings scattering twice as much need twice
        /// the lead. A still device scatters about 2.5 dB (the UCI data and the simulator alike); a badge
        /// behind a body or in a crowd scatters more, and there 8 dB would be a mere fluke of the noise. 0
        /// keeps the clear lead fixed.
        /// </summary>
        public double NoiseReferenceDb = DefaultNoiseReferenceDb;

        /// <summary>
        /// The zone is re-decided at most this often. The gateway calls Update on every report (ten a
        /// second and more), a badge once a second; deciding at most twice a second keeps the answer the
        /// same whichever the caller does. Staleness ("unknown") is still checked at every call.
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
