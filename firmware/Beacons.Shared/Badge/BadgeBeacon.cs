using Beacons.Indicator;
using Beacons.Protocol;

namespace Beacons.Badge
{
    /// <summary>
    /// Everything a badge decides, without its hardware: the emergency flag from the button, which
    /// radio role to be in, its zone from anchors, and when to put a new payload on the air. The device
    /// app feeds gestures, heard anchors and the time, does what <see cref="Step"/> and
    /// <see cref="PublishDue"/> say, and puts on the air the frame <see cref="Fill"/> prepares.
    /// Single-threaded except <see cref="SelfLocator.Hear"/>.
    /// </summary>
    public sealed class BadgeBeacon
    {
        private readonly OfficerRole _role;
        private readonly EmergencySwitch _emergency = new EmergencySwitch();
        private readonly RadioSchedule _schedule;
        private readonly SelfLocator _locator;
        private readonly RefreshRule _refresh;
        private byte _zone = Beacons.Protocol.Zone.None;

        /// <param name="locator">The badge's self-location; needed when settings.SelfLocation is on, ignored otherwise.</param>
        public BadgeBeacon(OfficerRole role, BadgeSettings settings, SelfLocator locator, long nowMs)
        {
            if (settings.SelfLocation && locator == null)
            {
                throw new System.ArgumentException("self-location is on but there is no locator");
            }

            _role = role;
            _schedule = new RadioSchedule(settings, nowMs);
            _locator = settings.SelfLocation ? locator : null;
            _refresh = new RefreshRule(settings.RefreshIntervalMs, RefreshRule.DefaultMinGapMs);
        }

        public OfficerRole Role
        {
            get { return _role; }
        }

        public EmergencySwitch Emergency
        {
            get { return _emergency; }
        }

        public RadioSchedule Schedule
        {
            get { return _schedule; }
        }

        /// <summary>Null when self-location is off.</summary>
        public SelfLocator Locator
        {
            get { return _locator; }
        }

        /// <summary>The zone the next payload carries.</summary>
        public byte Zone
        {
            get { return _zone; }
        }

        public void Handle(Gesture gesture, long nowMs)
        {
            _emergency.Handle(gesture, nowMs);
            if (_emergency.TakeChange())
            {
                // Raised or cleared: on the air now, even in the middle of a scan window.
                _refresh.Changed();
                _schedule.EndScanNow(nowMs);
                TakeFixIfScanEnded(nowMs);
            }
        }

        /// <summary>Moves time on: scan windows open and close, fixes are taken and age. Returns the radio role wanted now.</summary>
        public RadioMode Step(long nowMs)
        {
            RadioMode mode = _schedule.Update(nowMs);
            TakeFixIfScanEnded(nowMs);
            byte zone = _locator == null ? Beacons.Protocol.Zone.None : _locator.ZoneAt(nowMs);
            if (zone != _zone)
            {
                _zone = zone;
                _refresh.Changed();
            }

            return mode;
        }

        /// <summary>The radio now runs in the role <see cref="Step"/> asked for; back on the air, a fresh payload goes out.</summary>
        public void RadioSwitched(long nowMs)
        {
            _schedule.Switched(nowMs);
            if (_schedule.Mode == RadioMode.Advertise)
            {
                _refresh.Changed();
            }
        }

        /// <summary>True when the device should build a new payload (new counter value) and restart its publisher now.</summary>
        public bool PublishDue(long nowMs)
        {
            return _schedule.Mode == RadioMode.Advertise && !_schedule.Switching && _refresh.Due(nowMs);
        }

        /// <summary>
        /// Fills the frame's badge body for a new payload. The device sets Kind, ExerciseId and DeviceId
        /// once, a new Counter before each payload, and reports <see cref="Published"/> once it is on the air.
        /// </summary>
        public void Fill(Frame frame, byte batteryPercent)
        {
            frame.Kind = FrameKind.Badge;
            frame.Badge.Role = _role;
            frame.Badge.Zone = _zone;
            frame.Badge.Emergency = _emergency.Active;
            frame.Badge.BatteryPercent = batteryPercent;
        }

        /// <summary>The payload <see cref="Fill"/> prepared is on the air.</summary>
        public void Published(long nowMs)
        {
            _refresh.Published(nowMs);
        }

        private void TakeFixIfScanEnded(long nowMs)
        {
            if (_schedule.TakeScanEnded() && _locator != null)
            {
                _locator.EndScan(nowMs);
            }
        }
    }
}
