using Beacons.Indicator;
using Beacons.Protocol;

namespace Beacons.Triage
{
    /// <summary>
    /// The triage tag's one-button state machine, for a gloved medic in the dark:
    /// <list type="bullet">
    /// <item>press: next colour (green, yellow, red, black, green ...), blinking = not saved;</item>
    /// <item>hold: commits the blinking colour; the LED turns steady while the finger is still down;</item>
    /// <item>once committed, presses do nothing (a bump never changes a committed colour);</item>
    /// <item>double tap on a committed tag: unlock to choose again, then hold to commit; an unlock
    /// left alone for <see cref="TriageTagSettings.ChangeTimeoutMs"/> falls back to the committed colour.</item>
    /// </list>
    /// Double taps are timed here from the Press events, not taken from the library's DoublePress: the
    /// library pairs releases strictly two by two and a stray bump leaves every later double tap
    /// misaligned (tap-tap then never unlocks), so <see cref="Gesture.DoublePress"/> is ignored.
    /// Driven by <see cref="Gesture"/>s with the time they happened, and by <see cref="Tick"/>; never reads a clock.
    /// Single-threaded: the device feeds it from its main loop (see <see cref="GestureQueue"/>).
    /// </summary>
    public sealed class TriageTag
    {
        private const long Never = long.MinValue;

        private readonly int _doubleTapMs;
        private readonly int _changeTimeoutMs;

        private TagMode _mode;
        private TriageColour _pending;
        private TriageColour _committed;
        private byte _changes;
        private long _lastChangeMs;
        private long _patternStartMs;
        private long _lockedPressMs = Never;
        private long _lastActivityMs;

        // A hold is under way: the Press the library raises when it ends must not count as a tap.
        private bool _holding;

        // The last tap (a Press that did not end a hold) on a locked tag: the first half of a double tap.
        private long _lastTapMs = Never;
        private bool _payloadChanged;

        public TriageTag(TriageTagSettings settings, long nowMs)
        {
            if (settings == null)
            {
                settings = new TriageTagSettings();
            }

            _doubleTapMs = settings.DoubleTapMs;
            _changeTimeoutMs = settings.ChangeTimeoutMs;
            _mode = TagMode.Untagged;
            _pending = TriageColour.Untagged;
            _committed = TriageColour.Untagged;
            _lastChangeMs = nowMs;
            _patternStartMs = nowMs;
            _lastActivityMs = nowMs;
        }

        public TagMode Mode
        {
            get { return _mode; }
        }

        /// <summary>The colour being chosen (Choosing, Changing); equals the committed colour otherwise.</summary>
        public TriageColour Pending
        {
            get { return _pending; }
        }

        /// <summary>The colour last committed; <see cref="TriageColour.Untagged"/> until the first commit.</summary>
        public TriageColour Committed
        {
            get { return _committed; }
        }

        /// <summary>Committed colour changes, the first commit included, saturating at 255.</summary>
        public byte Changes
        {
            get { return _changes; }
        }

        /// <summary>When the committed colour last changed (or the tag started, before any commit).</summary>
        public long LastChangeMs
        {
            get { return _lastChangeMs; }
        }

        /// <summary>When the LED's current pattern started: the last press, or the last change of mode.</summary>
        public long PatternStartMs
        {
            get { return _patternStartMs; }
        }

        /// <summary>The last press ignored because the tag is locked (the LED acknowledges it), or long.MinValue.</summary>
        public long LockedPressMs
        {
            get { return _lockedPressMs; }
        }

        /// <summary>The colour the LED shows: the one being chosen, else the committed one.</summary>
        public TriageColour Shown
        {
            get { return _mode == TagMode.Committed ? _committed : _pending; }
        }

        /// <summary>The colour on the air: a first choice is sent uncommitted, a change only once committed.</summary>
        public TriageColour AirColour
        {
            get { return _mode == TagMode.Choosing ? _pending : _committed; }
        }

        public bool AirCommitted
        {
            get { return _mode == TagMode.Committed || _mode == TagMode.Changing; }
        }

        public void Handle(Gesture gesture, long nowMs)
        {
            // Expire an unlock first: a press that comes after the timeout finds the tag locked again.
            Tick(nowMs);
            TriageColour airColour = AirColour;
            bool airCommitted = AirCommitted;
            byte changes = _changes;

            switch (gesture)
            {
                case Gesture.Press:
                    OnPress(nowMs);
                    break;
                case Gesture.HoldStarted:
                    OnHoldStarted(nowMs);
                    break;
                case Gesture.HoldCompleted:
                case Gesture.HoldCanceled:
                    _holding = false;
                    break;
            }

            NoteAirChange(airColour, airCommitted, changes);
        }

        /// <summary>Lets time pass: an unlocked tag left alone falls back to its committed colour.</summary>
        public void Tick(long nowMs)
        {
            if (_mode == TagMode.Changing && nowMs - _lastActivityMs >= _changeTimeoutMs)
            {
                _mode = TagMode.Committed;
                _pending = _committed;
                _patternStartMs = nowMs;
                _lastTapMs = Never;
            }
        }

        /// <summary>
        /// True once after anything on the air other than the seconds counter changed (a first choice,
        /// a commit, a restore): the device then restarts its publisher at once with a new counter value.
        /// </summary>
        public bool TakePayloadChange()
        {
            bool changed = _payloadChanged;
            _payloadChanged = false;
            return changed;
        }

        public ushort SecondsSinceChange(long nowMs)
        {
            long seconds = (nowMs - _lastChangeMs) / 1000;
            if (seconds < 0)
            {
                return 0;
            }

            return seconds > ushort.MaxValue ? ushort.MaxValue : (ushort)seconds;
        }

        /// <summary>Fills a tag frame's body. Tags do not locate themselves: their zone is always <see cref="Zone.None"/>.</summary>
        public void FillBody(TagBody body, byte batteryPercent, long nowMs)
        {
            body.Colour = AirColour;
            body.Committed = AirCommitted;
            body.Changes = _changes;
            body.SecondsSinceChange = SecondsSinceChange(nowMs);
            body.Zone = Zone.None;
            body.BatteryPercent = batteryPercent;
        }

        /// <summary>
        /// Puts back a committed colour saved before a reboot, so a tag that browns out mid-drill does
        /// not come back untagged. The time of that change is lost: it counts from now.
        /// </summary>
        public void Restore(TriageColour committed, byte changes, long nowMs)
        {
            if (committed == TriageColour.Untagged || (byte)committed > (byte)TriageColour.Black)
            {
                return;
            }

            _mode = TagMode.Committed;
            _committed = committed;
            _pending = committed;
            _changes = changes == 0 ? (byte)1 : changes;
            _lastChangeMs = nowMs;
            _patternStartMs = nowMs;
            _payloadChanged = true;
        }

        /// <summary>The colour after <paramref name="colour"/> in the press cycle; untagged is never chosen again.</summary>
        public static TriageColour Next(TriageColour colour)
        {
            switch (colour)
            {
                case TriageColour.Green: return TriageColour.Yellow;
                case TriageColour.Yellow: return TriageColour.Red;
                case TriageColour.Red: return TriageColour.Black;
                default: return TriageColour.Green;
            }
        }

        private void OnPress(long nowMs)
        {
            if (_holding)
            {
                // The release that ends a hold: already acted on when the hold started.
                _holding = false;
                _lastTapMs = Never;
                return;
            }

            switch (_mode)
            {
                case TagMode.Untagged:
                    _mode = TagMode.Choosing;
                    _pending = TriageColour.Green;
                    _patternStartMs = nowMs;
                    break;
                case TagMode.Choosing:
                case TagMode.Changing:
                    _pending = Next(_pending);
                    _patternStartMs = nowMs;
                    _lastActivityMs = nowMs;
                    break;
                default:
                    if (_lastTapMs != Never && nowMs - _lastTapMs <= _doubleTapMs)
                    {
                        Unlock(nowMs);
                    }
                    else
                    {
                        _lastTapMs = nowMs;
                        _lockedPressMs = nowMs;
                    }

                    break;
            }
        }

        private void Unlock(long nowMs)
        {
            _mode = TagMode.Changing;
            _pending = _committed;
            _patternStartMs = nowMs;
            _lastActivityMs = nowMs;
            _lockedPressMs = Never;
            _lastTapMs = Never;
        }

        private void OnHoldStarted(long nowMs)
        {
            if (_holding)
            {
                return;
            }

            _holding = true;
            if (_mode == TagMode.Choosing || _mode == TagMode.Changing)
            {
                if (_pending != _committed)
                {
                    _committed = _pending;
                    if (_changes < byte.MaxValue)
                    {
                        _changes++;
                    }

                    _lastChangeMs = nowMs;
                }

                _mode = TagMode.Committed;
                _patternStartMs = nowMs;
                _lastTapMs = Never;
            }
        }

        private void NoteAirChange(TriageColour airColour, bool airCommitted, byte changes)
        {
            if (airColour != AirColour || airCommitted != AirCommitted || changes != _changes)
            {
                _payloadChanged = true;
            }
        }
    }
}
