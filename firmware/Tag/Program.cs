using System;
using System.Diagnostics;
using System.Threading;
using Beacons.Badge;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Triage;

namespace Beacons.TagApp
{
    /// <summary>
    /// The triage tag: one button, one RGB LED, one advert. The medic's gestures and the LED patterns
    /// are Beacons.Triage.TriageTag and TagLed (docs/triage.md, hardware/medic-card.md); this file only
    /// wires the button, the LED, the battery and the radio to them.
    /// </summary>
    public static class Program
    {
        /// <summary>Fast enough for the LED patterns (0.1 s blips) and well inside the 1 s budget for a commit to reach the air.</summary>
        private const int LoopMs = 20;

        /// <summary>After the radio refused a payload, try again this soon.</summary>
        private const int RetryMs = 1000;

        /// <summary>A radio that refused this many payloads in a row is broken: the LED says so (one refusal may be a hiccup).</summary>
        private const int FailuresForFault = 3;

        // Held here so the button and its GPIO callback live as long as the program.
        private static ButtonInput _button;

        public static void Main()
        {
            int faultPin = -1;
            LedType faultType = LedType.None;
            DeviceConfiguration config = ConfigurationFile.LoadFor(DeviceKind.Tag, ref faultPin, ref faultType);
            if (config == null)
            {
                new StatusLed(faultPin, faultType).ShowFaultForever();
            }

            StatusLed led = new StatusLed(config.LedPin, config.LedType);
            GestureQueue gestures = new GestureQueue(GestureQueue.DefaultCapacity);
            _button = new ButtonInput(config.ButtonPin, TagButtonTimings.HoldMs, TagButtonTimings.DoublePressMs, TagButtonTimings.DebounceMs, gestures);

            long now = Environment.TickCount64;
            TriageTag tag = new TriageTag(new TriageTagSettings(), now);
            TagStateFile saved = new TagStateFile(TagStateFile.DefaultPath, config.ExerciseId, config.DeviceId);
            saved.RestoreInto(tag, now);

            RisingCounter counter = new RisingCounter(new FileCounterStore(DeviceStorage.CounterPathA, DeviceStorage.CounterPathB), RisingCounter.DefaultBlock);
            RefreshRule refresh = new RefreshRule(config.AdvertRefreshMs, RefreshRule.DefaultMinGapMs);
            BatteryGauge battery = new BatteryGauge(config.BatteryAdcChannel);
            AdvertPublisher radio = new AdvertPublisher(config.CompanyId, config.FrameKey);
            Frame frame = new Frame();
            frame.Kind = FrameKind.Tag;
            frame.ExerciseId = config.ExerciseId;
            frame.DeviceId = config.DeviceId;
            int radioFailures = 0;
            long retryAt = 0;

            Debug.WriteLine("beacons: tag " + config.DeviceId.ToString() + " of exercise " + config.ExerciseId.ToString());

            while (true)
            {
                now = Environment.TickCount64;
                long at;
                Gesture gesture = gestures.Take(out at);
                while (gesture != Gesture.None)
                {
                    tag.Handle(gesture, at);
                    gesture = gestures.Take(out at);
                }

                tag.Tick(now);
                if (tag.TakePayloadChange())
                {
                    refresh.Changed();
                    saved.SaveIfChanged(tag);
                }

                battery.Update(now);
                if (refresh.Due(now) && (radioFailures == 0 || now >= retryAt))
                {
                    tag.FillBody(frame.Tag, battery.Percent, now);
                    frame.Counter = counter.Next();
                    if (radio.Publish(frame))
                    {
                        radioFailures = 0;
                        refresh.Published(now);
                    }
                    else
                    {
                        radioFailures++;
                        retryAt = now + RetryMs;
                    }
                }

                led.Show(TagLed.Show(tag, battery.Low, radioFailures >= FailuresForFault, now));
                Thread.Sleep(LoopMs);
            }
        }
    }
}
