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
    /// Decides when a receiver starts a new BLE scan session. The ESP32 watcher filters duplicates: within
    /// one session it reports each address once, so a device that stays put is heard once and never again
    /// until the watcher restarts. And a restart is dear: in nanoFramework.Device.Bluetooth 1.1.123,
    /// Watcher.Stop() shuts the whole Bluetooth stack down and the next Start() brings it up again (NimBLE
    /// and controller initialised from nothing, up to 10 s), deaf all the while.
    ///
    /// So a session lasts until freshness needs a new one, and no longer: every device present is reported
    /// near the start of a session, so the first report of the session is the oldest report of any device
    /// heard in it. When that report is <see cref="FreshMs"/> old, the session restarts. A session in which
    /// nothing of ours was heard never restarts (a new session would report nothing more: the filter only
    /// hides addresses already reported). Each device is then reported at most about FreshMs + one restart
    /// + one advert interval apart, at 3,600 s / (FreshMs + restart) restarts an hour (docs/receiver.md).
    /// Time comes in as milliseconds from the caller's clock; the caller serialises the calls.
    /// </summary>
    public sealed class ScanCycle
    {
        /// <summary>How long to wait before trying again when the watcher failed to start.</summary>
        public const int RetryMs = 1000;

        private readonly int _freshMs;
        private bool _running;
        private bool _heard;
        private long _firstReportMs;
        private long _retryAtMs;
        private long _restartTotalMs;

        public ScanCycle(int freshMs)
        {
            _freshMs = freshMs < 1 ? 1 : freshMs;
        }

        /// <summary>The freshness target: how old the session's first report may get before a new session.</summary>
        public int FreshMs
        {
            get { return _freshMs; }
        }

        /// <summary>Sessions begun (first start, restarts and starts after failures).</summary>
        public int Sessions { get; private set; }

        /// <summary>Restarts that succeeded (stop, then start again).</summary>
        public int Restarts { get; private set; }

        public int StartFailures { get; private set; }

        /// <summary>Mean cost of a restart so far, from stop to running again; 0 before the first.</summary>
        public int MeanRestartMs
        {
            get { return Restarts == 0 ? 0 : (int)(_restartTotalMs / Restarts); }
        }

        /// <summary>The dearest restart so far.</summary>
        public int WorstRestartMs { get; private set; }

        /// <summary>Our adverts reported in the current session.</summary>
        public int ReportsThisSession { get; private set; }

        public bool Running
        {
            get { return _running; }
        }

        /// <summary>When <see cref="Next"/> will next ask for something (long.MaxValue: not until something is heard).</summary>
        public long NextActionAtMs
        {
            get
            {
                if (!_running)
                {
                    return _retryAtMs;
                }

                return _heard ? _firstReportMs + _freshMs : long.MaxValue;
            }
        }

        public ScanAction Next(long nowMs)
        {
            if (!_running)
            {
                return nowMs >= _retryAtMs ? ScanAction.Start : ScanAction.None;
            }

            return _heard && nowMs - _firstReportMs >= _freshMs ? ScanAction.Restart : ScanAction.None;
        }

        /// <summary>The watcher reported one of our adverts.</summary>
        public void Heard(long nowMs)
        {
            if (!_running)
            {
                return;
            }

            if (!_heard)
            {
                _heard = true;
                _firstReportMs = nowMs;
            }

            ReportsThisSession++;
        }

        /// <summary>The watcher started (first start, or a start after a failure).</summary>
        public void Started(long nowMs)
        {
            _running = true;
            _heard = false;
            ReportsThisSession = 0;
            Sessions++;
        }

        /// <summary>
        /// The watcher was stopped at <paramref name="stopBeganMs"/> and was running again at
        /// <paramref name="startedMs"/>: a new session begins, and the restart's cost is counted.
        /// </summary>
        public void Restarted(long stopBeganMs, long startedMs)
        {
            long cost = startedMs - stopBeganMs;
            if (cost < 0)
            {
                cost = 0;
            }

            Restarts++;
            _restartTotalMs += cost;
            if (cost > WorstRestartMs)
            {
                WorstRestartMs = cost > int.MaxValue ? int.MaxValue : (int)cost;
            }

            Started(startedMs);
        }

        /// <summary>Starting (or restarting) the watcher failed; the next attempt waits <see cref="RetryMs"/>.</summary>
        public void StartFailed(long nowMs)
        {
            _running = false;
            _heard = false;
            _retryAtMs = nowMs + RetryMs;
            StartFailures++;
        }
    }
}
