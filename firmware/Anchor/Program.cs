using System;
using System.Diagnostics;
using System.Threading;
using Beacons.Anchor;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Indicator;
using Beacons.Protocol;

namespace Beacons.AnchorApp
{
    /// <summary>
    /// The zone anchor: a fixed beacon that tells badges which zone they stand in. It only advertises
    /// (never scans), rebuilding its frame with a new counter every advert.refresh.ms. The frame logic
    /// is Beacons.Anchor.AnchorBeacon; this file is the radio and the LED.
    /// </summary>
    public static class Program
    {
        /// <summary>The anchor is idle between refreshes: waking four times a second is plenty for the LED.</summary>
        private const int LoopMs = 250;

        public static void Main()
        {
            int faultPin = -1;
            LedType faultType = LedType.None;
            DeviceConfiguration config = ConfigurationFile.LoadFor(DeviceKind.Anchor, ref faultPin, ref faultType);
            if (config == null)
            {
                new StatusLed(faultPin, faultType).ShowFaultForever();
            }

            StatusLed led = new StatusLed(config.LedPin, config.LedType);
            RisingCounter counter = new RisingCounter(new FileCounterStore(DeviceStorage.CounterPathA, DeviceStorage.CounterPathB), RisingCounter.DefaultBlock);
            AnchorBeacon beacon = new AnchorBeacon(config.ExerciseId, config.DeviceId, config.Zone, config.RssiAt1m,
                config.CompanyId, config.FrameKey, counter, config.AdvertRefreshMs);
            AdvertPublisher radio = new AdvertPublisher(config.CompanyId, config.FrameKey);
            bool failing = false;

            Debug.WriteLine("beacons: anchor " + config.DeviceId.ToString() + " in zone " + config.Zone.ToString()
                + " of exercise " + config.ExerciseId.ToString());

            while (true)
            {
                long now = Environment.TickCount64;
                if (beacon.RefreshDue(now) || failing)
                {
                    // On the air only once the radio says so: a refused start does not throw.
                    int length = beacon.Build();
                    failing = !radio.Publish(beacon.ManufacturerData, length);
                    if (!failing)
                    {
                        beacon.Published(Environment.TickCount64);
                    }
                }

                // A green wink every five seconds says "advertising"; red means the radio will not start.
                led.Show(failing ? Blink.Pattern(Rgb.Red, now, 0, 500, 1000) : Blink.Pattern(Rgb.Green, now, 0, 100, 5000));
                Thread.Sleep(failing ? 1000 : LoopMs);
            }
        }
    }
}
