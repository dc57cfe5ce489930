using Beacons.Indicator;

namespace Beacons.Badge
{
    /// <summary>
    /// The badge's emergency flag: a long hold raises it, another long hold clears it. An officer
    /// does nothing else with the badge, so taps mean nothing and a pressed-against-the-vest button
    /// cannot raise it by accident: only a hold of <see cref="BadgeButtonTimings.EmergencyHoldMs"/>.
    /// One hold is one toggle however long the finger stays down.
    /// </summary>
    public sealed class EmergencySwitch
    {
        private const long Never = long.MinValue;

        private bool _active;
        private bool _holding;
        private long _raisedMs = Never;
        private long _clearedMs = Never;
        private bool _changed;

        public bool Active
        {
            get { return _active; }
        }

        /// <summary>When the emergency was last raised, or long.MinValue.</summary>
        public long RaisedMs
        {
            get { return _raisedMs; }
        }

        /// <summary>When the emergency was last cleared, or long.MinValue.</summary>
        public long ClearedMs
        {
            get { return _clearedMs; }
        }

        public void Handle(Gesture gesture, long nowMs)
        {
            switch (gesture)
            {
                case Gesture.HoldStarted:
                    if (_holding)
                    {
                        return;
                    }

                    _holding = true;
                    _active = !_active;
                    if (_active)
                    {
                        _raisedMs = nowMs;
                    }
                    else
                    {
                        _clearedMs = nowMs;
                    }

                    _changed = true;
                    break;

                case Gesture.Press:
                case Gesture.HoldCompleted:
                case Gesture.HoldCanceled:
                    // Any of these means the finger came off: the next hold is a new hold.
                    _holding = false;
                    break;
            }
        }

        /// <summary>True once after each raise or clear: the badge republishes at once.</summary>
        public bool TakeChange()
        {
            bool changed = _changed;
            _changed = false;
            return changed;
        }
    }
}
