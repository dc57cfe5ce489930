namespace Beacons.Protocol
{
    /// <summary>
    /// When a device must put a new payload (with a new counter value) on the air: at once after a
    /// change, and at least every <see cref="IntervalMs"/> even when nothing changed. The periodic
    /// refresh is what lets the gateway bound replays: a recorded advert is only "current" until the
    /// device's next counter value shows up. Used by badges and tags alike.
    /// </summary>
    public sealed class RefreshRule
    {
        public const int DefaultIntervalMs = 10000;

        /// <summary>
        /// The shortest gap between two payloads, so a medic tapping through colours does not restart
        /// the Bluetooth publisher faster than the stack copes with. Far under the one-second budget
        /// for a committed change.
        /// </summary>
        public const int DefaultMinGapMs = 200;

        private readonly int _intervalMs;
        private readonly int _minGapMs;
        private bool _changed = true;
        private bool _published;
        private long _lastMs;

        public RefreshRule(int intervalMs, int minGapMs)
        {
            _intervalMs = intervalMs > 0 ? intervalMs : DefaultIntervalMs;
            _minGapMs = minGapMs >= 0 ? minGapMs : DefaultMinGapMs;
        }

        public int IntervalMs
        {
            get { return _intervalMs; }
        }

        /// <summary>Something on the air changed: publish as soon as the minimum gap allows.</summary>
        public void Changed()
        {
            _changed = true;
        }

        public bool Due(long nowMs)
        {
            if (!_published)
            {
                return true;
            }

            long since = nowMs - _lastMs;
            return _changed ? since >= _minGapMs : since >= _intervalMs;
        }

        /// <summary>The device put a new payload on the air at <paramref name="nowMs"/>.</summary>
        public void Published(long nowMs)
        {
            _published = true;
            _changed = false;
            _lastMs = nowMs;
        }
    }
}
