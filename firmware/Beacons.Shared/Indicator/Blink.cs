namespace Beacons.Indicator
{
    /// <summary>
    /// Blink patterns as pure functions of time, so a test can ask what the LED shows at any
    /// millisecond and the device only has to sample them in its loop.
    /// </summary>
    public static class Blink
    {
        /// <summary>
        /// True during the first <paramref name="onMs"/> of every <paramref name="periodMs"/> counted from
        /// <paramref name="startMs"/>. Starting a pattern at the moment of a press makes the LED answer that
        /// press at once instead of whenever the cycle comes round.
        /// </summary>
        public static bool IsOn(long nowMs, long startMs, int onMs, int periodMs)
        {
            if (periodMs <= 0)
            {
                return onMs > 0;
            }

            long elapsed = nowMs - startMs;
            long phase = elapsed % periodMs;
            if (phase < 0)
            {
                phase += periodMs;
            }

            return phase < onMs;
        }

        /// <summary><paramref name="colour"/> while <see cref="IsOn"/>, otherwise off.</summary>
        public static int Pattern(int colour, long nowMs, long startMs, int onMs, int periodMs)
        {
            return IsOn(nowMs, startMs, onMs, periodMs) ? colour : Rgb.Off;
        }

        /// <summary>True for <paramref name="lengthMs"/> after <paramref name="atMs"/> (a one-off flash); false before it.</summary>
        public static bool Within(long nowMs, long atMs, int lengthMs)
        {
            // atMs + lengthMs rather than nowMs - atMs: "never" is long.MinValue and the subtraction would wrap.
            return nowMs >= atMs && nowMs < atMs + lengthMs;
        }
    }
}
