namespace Beacons.Zones
{
    /// <summary>
    /// The knobs of <see cref="ZoneEstimator"/>. The defaults suit both directions: the gateway
    /// (receivers report a badge about once a second) and a badge (anchors heard in scan windows a few
    /// seconds apart). docs/zones.md gives the reasons and the measurement behind each default.
    /// The estimator copies these values when it is made; changing them later has no effect on it.
    /// </summary>
    public sealed class ZoneEstimatorSettings
    {
        public const int DefaultMaxSources = 16;
        public const double DefaultSmoothingAlpha = 0.5;
        public const int DefaultHoldMs = 3000;
        public const double DefaultDecayDbPerSecond = 1.0;
        public const double DefaultMarginDb = 4.0;
        public const int DefaultDwellMs = 3000;
        public const int DefaultStaleMs = 20000;

        /// <summary>
        /// Sources (receivers or anchors) remembered at once, in arrays made up front. A badge is rarely
        /// heard by more than a handful of receivers at a time; when the table is full the source heard
        /// least recently makes room.
        /// </summary>
        public int MaxSources = DefaultMaxSources;

        /// <summary>
        /// Weight of a new reading in the source's running average (0..1]. 0.5 halves a one-off spike or
        /// fade at once and follows a real change within two or three readings (about 2-3 s at one
        /// report a second), where a walking officer crosses a few metres.
        /// </summary>
        public double SmoothingAlpha = DefaultSmoothingAlpha;

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
        /// as soon as it beats the fading score by the margin.
        /// </summary>
        public double DecayDbPerSecond = DefaultDecayDbPerSecond;

        /// <summary>
        /// A challenger zone must be this many dB above the current zone. Readings of a still device
        /// spread by about 3 dB; 4 dB keeps two sources of equal strength from trading places.
        /// </summary>
        public double MarginDb = DefaultMarginDb;

        /// <summary>
        /// ...and must stay ahead by the margin, without a break, for this long before the zone changes.
        /// Three seconds is three reports at the gateway: a turn of the body or one passing person does
        /// not move an officer to the next room, and the roster still follows a walk within seconds.
        /// </summary>
        public int DwellMs = DefaultDwellMs;

        /// <summary>
        /// A source not heard for this long is forgotten; when every source is forgotten the zone is
        /// unknown (Zone.None). Twenty seconds spans several badge scan windows and about twenty missed
        /// gateway reports: long enough not to blink to "unknown" in a dead spot, short enough that a
        /// badge switched off or carried out of range stops showing a zone (no ghosts).
        /// </summary>
        public int StaleMs = DefaultStaleMs;
    }
}
