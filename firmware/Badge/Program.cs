using System;
using System.Diagnostics;
using System.Threading;
using Beacons.Badge;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.BadgeApp
{
    /// <summary>
    /// The officer's badge: advertises ID, role, zone, emergency flag and battery; optionally listens
    /// to zone anchors between adverts to locate itself. Every decision is Beacons.Badge.BadgeBeacon
    /// (docs/badge.md); this file only wires the button, LED, battery and radio to it.
    /// </summary>
    public static class Program
    {
        private const int LoopMs = 20;
        private const int RetryMs = 1000;

        /// <summary>A radio that refused this many payloads in a row is broken: the LED says so (one refusal may be a hiccup).</summary>
        private const int FailuresForFault = 3;

        // Held here so the button and its GPIO callback live as long as the program.
        private static ButtonInput _button;

        public static void Main()
        {
            int faultPin = -1;
            LedType faultType = LedType.None;
            DeviceConfiguration config = ConfigurationFile.LoadFor(DeviceKind.Badge, ref faultPin, ref faultType);
            BadgeSettings settings = config == null ? null : SettingsFrom(config);
            string problem = settings == null ? null : settings.Problem();
            if (config == null || problem != null || config.Role == OfficerRole.Unknown)
            {
                if (problem != null)
                {
                    Debug.WriteLine("beacons: configuration error: " + problem);
                }

                new StatusLed(faultPin, faultType).ShowFaultForever();
            }

            StatusLed led = new StatusLed(config.LedPin, config.LedType);
            GestureQueue gestures = new GestureQueue(GestureQueue.DefaultCapacity);
            _button = new ButtonInput(config.ButtonPin, BadgeButtonTimings.EmergencyHoldMs, BadgeButtonTimings.DoublePressMs, BadgeButtonTimings.DebounceMs, gestures);

            long now = Environment.TickCount64;
            SelfLocator locator = null;
            AnchorWatcher watcher = null;
            if (settings.SelfLocation)
            {
                locator = new SelfLocator(new ZoneEstimator(new ZoneEstimatorSettings()), config.FrameKey, config.ExerciseId,
                    config.CompanyId, settings.FixMaxAgeMs, SelfLocator.DefaultCapacity);
                watcher = new AnchorWatcher(locator, config.CompanyId);
            }

            BadgeBeacon beacon = new BadgeBeacon(config.Role, settings, locator, now);
            RisingCounter counter = new RisingCounter(new FileCounterStore(DeviceStorage.CounterPathA, DeviceStorage.CounterPathB), RisingCounter.DefaultBlock);
            BatteryGauge battery = new BatteryGauge(config.BatteryAdcChannel);
            AdvertPublisher radio = new AdvertPublisher(config.CompanyId, config.FrameKey);
            Frame frame = new Frame();
            frame.Kind = FrameKind.Badge;
            frame.ExerciseId = config.ExerciseId;
            frame.DeviceId = config.DeviceId;
            RadioMode running = RadioMode.Advertise;
            int radioFailures = 0;
            long retryAt = 0;

            Debug.WriteLine("beacons: badge " + config.DeviceId.ToString() + " of exercise " + config.ExerciseId.ToString()
                + (settings.SelfLocation ? ", locating itself" : ""));

            while (true)
            {
                now = Environment.TickCount64;
                long at;
                Gesture gesture = gestures.Take(out at);
                while (gesture != Gesture.None)
                {
                    beacon.Handle(gesture, at);
                    gesture = gestures.Take(out at);
                }

                RadioMode wanted = beacon.Step(now);
                if (wanted != running)
                {
                    // Server to client or back: the stack restarts, which can take seconds (the watcher
                    // stops the server role first). The schedule counts the next window from when this returns.
                    if (wanted == RadioMode.Scan)
                    {
                        radio.Stop();
                        radioFailures = watcher.Start() ? 0 : radioFailures + 1;
                    }
                    else
                    {
                        watcher.Stop();
                    }

                    running = wanted;
                    beacon.RadioSwitched(Environment.TickCount64);
                    now = Environment.TickCount64;
                }
                else if (running == RadioMode.Scan && beacon.Schedule.ScanRestartDue(now))
                {
                    radioFailures = watcher.Restart() ? 0 : radioFailures + 1;
                }

                battery.Update(now);
                if (beacon.PublishDue(now) && (radioFailures == 0 || now >= retryAt))
                {
                    beacon.Fill(frame, battery.Percent);
                    frame.Counter = counter.Next();
                    if (radio.Publish(frame))
                    {
                        radioFailures = 0;
                        beacon.Published(now);
                    }
                    else
                    {
                        radioFailures++;
                        retryAt = now + RetryMs;
                    }
                }

                led.Show(BadgeLed.Show(beacon.Emergency, battery.Low, radioFailures >= FailuresForFault, now));
                Thread.Sleep(LoopMs);
            }
        }

        /// <summary>The configuration's locate.every.ms is a whole cycle, locate.scan.ms the listening part of it.</summary>
        private static BadgeSettings SettingsFrom(DeviceConfiguration config)
        {
            BadgeSettings s = new BadgeSettings();
            s.SelfLocation = config.Locate;
            s.RefreshIntervalMs = config.AdvertRefreshMs;
            if (config.Locate)
            {
                s.ScanWindowMs = config.LocateScanMs;
                s.AdvertiseWindowMs = config.LocateEveryMs - config.LocateScanMs;

                // One scan session per window: a restart inside it would take the whole stack down and
                // up again (seconds, deaf) for a second sample per anchor.
                s.ScanRestartMs = config.LocateScanMs;

                // Three cycles: one or two scans that hear nothing do not blank the zone.
                s.FixMaxAgeMs = 3 * config.LocateEveryMs;
            }

            return s;
        }
    }
}
