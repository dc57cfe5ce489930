namespace Beacons.Badge
{
    /// <summary>What the badge's Bluetooth radio should be doing: it can advertise or scan, never both.</summary>
    public enum RadioMode : byte
    {
        Advertise = 0,
        Scan = 1,
    }

    /// <summary>
    /// Alternates advertise and scan windows for a self-locating badge; keeps a badge without
    /// self-location advertising for good. The device asks <see cref="Update"/> every loop turn,
    /// switches the radio when the answer changes, and reports <see cref="Switched"/> when the radio
    /// runs in its new role (or when it gave up trying): windows count from then, so a slow stack
    /// restart does not eat the window, and no window ends before its switch was reported.
    /// </summary>
    public sealed class RadioSchedule
    {
        private readonly bool _selfLocation;
        private readonly int _advertiseMs;
        private readonly int _scanMs;
        private readonly int _scanRestartMs;

        private RadioMode _mode = RadioMode.Advertise;
        private long _windowStartMs;
        private long _scanStartMs;
        private bool _scanEnded;
        private bool _switching;

        public RadioSchedule(BadgeSettings settings, long nowMs)
        {
            _selfLocation = settings.SelfLocation;
            _advertiseMs = settings.AdvertiseWindowMs;
            _scanMs = settings.ScanWindowMs;
            _scanRestartMs = settings.ScanRestartMs;
            _windowStartMs = nowMs;
        }

        public RadioMode Mode
        {
            get { return _mode; }
        }

        /// <summary>When the current window started (the radio's switch, or the decision until the switch is reported).</summary>
        public long WindowStartMs
        {
            get { return _windowStartMs; }
        }

        /// <summary>True between a change of <see cref="Mode"/> and the device's <see cref="Switched"/>.</summary>
        public bool Switching
        {
            get { return _switching; }
        }

        public RadioMode Update(long nowMs)
        {
            if (!_selfLocation || _switching)
            {
                return _mode;
            }

            long inWindow = nowMs - _windowStartMs;
            if (_mode == RadioMode.Advertise && inWindow >= _advertiseMs)
            {
                _mode = RadioMode.Scan;
                _windowStartMs = nowMs;
                _scanStartMs = nowMs;
                _switching = true;
            }
            else if (_mode == RadioMode.Scan && inWindow >= _scanMs)
            {
                EndScan(nowMs);
            }

            return _mode;
        }

        /// <summary>The radio now runs in <see cref="Mode"/>.</summary>
        public void Switched(long nowMs)
        {
            _windowStartMs = nowMs;
            _scanStartMs = nowMs;
            _switching = false;
        }

        /// <summary>Something urgent must go on the air (an emergency): cut the scan window short.</summary>
        public void EndScanNow(long nowMs)
        {
            if (_mode == RadioMode.Scan)
            {
                EndScan(nowMs);
            }
        }

        /// <summary>True once after each scan window ends: the moment to take a zone fix from what was heard.</summary>
        public bool TakeScanEnded()
        {
            bool ended = _scanEnded;
            _scanEnded = false;
            return ended;
        }

        /// <summary>
        /// While scanning, true every <see cref="BadgeSettings.ScanRestartMs"/>: the device stops and starts
        /// its watcher so anchors it already heard are reported again. That is no light call: in
        /// nanoFramework.Device.Bluetooth 1.1.123 Watcher.Stop() shuts the whole Bluetooth stack down and
        /// Start() initialises it again (up to 10 s, deaf meanwhile; docs/receiver.md, "Scan sessions"), so
        /// the badge app sets the restart period to the whole scan window and never restarts inside it.
        /// </summary>
        public bool ScanRestartDue(long nowMs)
        {
            if (_mode != RadioMode.Scan || _switching || nowMs - _scanStartMs < _scanRestartMs)
            {
                return false;
            }

            _scanStartMs = nowMs;
            return true;
        }

        private void EndScan(long nowMs)
        {
            _mode = RadioMode.Advertise;
            _windowStartMs = nowMs;
            _scanEnded = true;
            _switching = true;
        }
    }
}
