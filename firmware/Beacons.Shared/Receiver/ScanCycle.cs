namespace Beacons.Receiver
{
    /// <summary>What the receiver should do with its BLE watcher now.</summary>
    public enum ScanAction : byte
    {
        None = 0,

        /// <summary>The watcher is not running: start it.</summary>
        Start = 1,

        /// <summary>The session is over: stop the watcher and start it again at once.</summary>
        Restart = 2,
    }

    /// <summary>
    /// Decides when a receiver restarts its BLE watcher. The ESP32 watcher filters duplicates: within
    /// one scan session it reports each address once, so a device that stays put would be heard once
    /// and never again. Restarting the session every cycle bounds the time between two reports of a
    /// device by one cycle plus one of its advert intervals. A restart costs time in which nothing is
    /// heard; the session is the cycle minus that cost, which this class learns from the restarts the
    /// device reports (a moving average), so the cycle stays what the configuration asked for.
    /// Time comes in as milliseconds from the caller's clock.
    /// </summary>
    public sealed class ScanCycle
    {
        /// <summary>The shortest session worth having; below it the receiver would mostly be restarting.</summary>
        public const int MinSessionMs = 100;

        /// <summary>How long to wait before trying again when the watcher failed to start.</summary>
        public const int RetryMs = 1000;

        private readonly int _cycleMs;
        private int _restartEstimateMs;
        private bool _running;
        private long _sessionStartMs;
        private long _retryAtMs;

        public ScanCycle(int cycleMs, int expectedRestartMs)
        {
            _cycleMs = cycleMs < MinSessionMs ? MinSessionMs : cycleMs;
            _restartEstimateMs = expectedRestartMs < 0 ? 0 : expectedRestartMs;
        }

        /// <summary>How long the current session runs before the next restart.</summary>
        public int SessionMs
        {
            get
            {
                int session = _cycleMs - _restartEstimateMs;
                return session < MinSessionMs ? MinSessionMs : session;
            }
        }

        /// <summary>What a restart costs, as measured so far (the configured guess until the first restart).</summary>
        public int RestartEstimateMs
        {
            get { return _restartEstimateMs; }
        }

        /// <summary>False when restarts cost so much that the cycle cannot be kept (the session is stuck at its minimum).</summary>
        public bool KeepsCycle
        {
            get { return _cycleMs - _restartEstimateMs >= MinSessionMs; }
        }

        public int Sessions { get; private set; }

        public int StartFailures { get; private set; }

        public bool Running
        {
            get { return _running; }
        }

        /// <summary>When <see cref="Next"/> will next ask for something; the device may sleep until then.</summary>
        public long NextActionAtMs
        {
            get { return _running ? _sessionStartMs + SessionMs : _retryAtMs; }
        }

        public ScanAction Next(long nowMs)
        {
            if (!_running)
            {
                return nowMs >= _retryAtMs ? ScanAction.Start : ScanAction.None;
            }

            return nowMs - _sessionStartMs >= SessionMs ? ScanAction.Restart : ScanAction.None;
        }

        /// <summary>The watcher started (first start, or a start after a failure).</summary>
        public void Started(long nowMs)
        {
            _running = true;
            _sessionStartMs = nowMs;
            Sessions++;
        }

        /// <summary>
        /// The watcher was stopped at <paramref name="stopBeganMs"/> and was running again at
        /// <paramref name="startedMs"/>: a new session begins, and the restart's cost is learnt.
        /// </summary>
        public void Restarted(long stopBeganMs, long startedMs)
        {
            long cost = startedMs - stopBeganMs;
            if (cost < 0)
            {
                cost = 0;
            }

            if (cost > _cycleMs)
            {
                cost = _cycleMs;
            }

            // Three parts old, one part new: one slow restart does not halve the next session.
            _restartEstimateMs = (int)(((3L * _restartEstimateMs) + cost + 2) / 4);
            Started(startedMs);
        }

        /// <summary>Starting (or restarting) the watcher failed; the next attempt waits <see cref="RetryMs"/>.</summary>
        public void StartFailed(long nowMs)
        {
            _running = false;
            _retryAtMs = nowMs + RetryMs;
            StartFailures++;
        }
    }
}
