namespace Beacons.Receiver
{
    /// <summary>
    /// When a receiver may try to (re)connect to Wi-Fi. The first attempt after the link is lost is
    /// immediate; each failure doubles the wait up to a ceiling, so a receiver whose access point is
    /// gone does not spend its time (and the radio the BLE scan shares) on hopeless attempts. Each wait
    /// gets up to a quarter more, drawn from a generator seeded with the receiver's ID, so receivers
    /// that lost the same access point at the same moment do not all come back at the same moment.
    /// Pure scheduling: the device does the connecting and reports back.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _firstDelayMs;
        private readonly int _maxDelayMs;
        private uint _random;
        private bool _up;
        private bool _everUp;
        private long _nextAttemptAtMs;

        public ReconnectBackoff(int firstDelayMs, int maxDelayMs, int seed)
        {
            _firstDelayMs = firstDelayMs < 1 ? 1 : firstDelayMs;
            _maxDelayMs = maxDelayMs < _firstDelayMs ? _firstDelayMs : maxDelayMs;
            _random = (uint)seed * 2654435761u;
            if (_random == 0)
            {
                _random = 0x9E3779B9u;
            }
        }

        public bool IsUp
        {
            get { return _up; }
        }

        /// <summary>Failed attempts since the link was last up.</summary>
        public int Failures { get; private set; }

        /// <summary>Successful connections after the first one.</summary>
        public int Reconnects { get; private set; }

        /// <summary>When the next attempt may start (meaningless while the link is up).</summary>
        public long NextAttemptAtMs
        {
            get { return _nextAttemptAtMs; }
        }

        /// <summary>The wait after the <paramref name="failures"/>-th failure in a row, before jitter.</summary>
        public int DelayAfter(int failures)
        {
            long delay = _firstDelayMs;
            for (int i = 1; i < failures && delay < _maxDelayMs; i++)
            {
                delay *= 2;
            }

            return delay > _maxDelayMs ? _maxDelayMs : (int)delay;
        }

        /// <summary>True when the link is down and an attempt is due.</summary>
        public bool ShouldConnect(long nowMs)
        {
            return !_up && nowMs >= _nextAttemptAtMs;
        }

        public void Connected(long nowMs)
        {
            if (_up)
            {
                return;
            }

            if (_everUp)
            {
                Reconnects++;
            }

            _up = true;
            _everUp = true;
            Failures = 0;
        }

        public void ConnectFailed(long nowMs)
        {
            _up = false;
            Failures++;
            int delay = DelayAfter(Failures);
            _nextAttemptAtMs = nowMs + delay + Jitter(delay);
        }

        /// <summary>The device saw the link go down: the next attempt may start at once.</summary>
        public void Lost(long nowMs)
        {
            if (!_up)
            {
                return;
            }

            _up = false;
            Failures = 0;
            _nextAttemptAtMs = nowMs;
        }

        private int Jitter(int delay)
        {
            // xorshift32: small, allocation-free, and the same on the device and in tests.
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            int spread = delay / 4;
            return spread <= 0 ? 0 : (int)(_random % (uint)(spread + 1));
        }
    }
}
