using System;
using System.Device.Adc;
using System.Diagnostics;
using Beacons.Power;
using Beacons.Protocol;
using nanoFramework.Runtime.Native;

namespace Beacons.Devices
{
    /// <summary>
    /// The battery level from an ADC channel, averaged (the LiPo curve is flat in the middle: ADC noise
    /// alone moves it several percent) and measured every <see cref="EveryMs"/>. A device without a
    /// battery channel reports "unknown". Shared by the tag and badge apps; the arithmetic is
    /// Beacons.Power.Battery, tested on the host.
    /// </summary>
    public sealed class BatteryGauge
    {
        public const int EveryMs = 10000;
        private const int Samples = 16;

        // A board fact, not yet in the configuration file: a 100k/100k divider from the cell to the
        // pin (hardware/pins.md). Check a new board against a voltmeter (hardware/power.md).
        private const int DividerRatioPermille = 2000;

        private readonly AdcChannel _channel;

        // nanoFramework returns raw counts at 12 dB: the chip's curve makes them millivolts.
        private readonly AdcCurve _curve = AdcCurve.ForTarget(SystemInfo.TargetName);
        private long _lastMs = long.MinValue;
        private byte _percent = FrameLayout.BatteryUnknown;
        private bool _low;

        public BatteryGauge(int adcChannel)
        {
            if (adcChannel < 0)
            {
                return;
            }

            try
            {
                _channel = new AdcController().OpenChannel(adcChannel);
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: battery ADC channel " + adcChannel.ToString() + " unavailable: " + e.Message);
                _channel = null;
            }
        }

        /// <summary>0-100, or <see cref="FrameLayout.BatteryUnknown"/>.</summary>
        public byte Percent
        {
            get { return _percent; }
        }

        public bool Low
        {
            get { return _low; }
        }

        /// <summary>Measures again when <see cref="EveryMs"/> has passed since the last measurement.</summary>
        public void Update(long nowMs)
        {
            if (_channel == null || (_lastMs != long.MinValue && nowMs - _lastMs < EveryMs))
            {
                return;
            }

            _lastMs = nowMs;
            long sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                sum += _channel.ReadValue();
            }

            int count = (int)(sum / Samples);
            int millivolts = Battery.CellMillivolts(_curve, count, DividerRatioPermille);
            byte percent = Battery.PercentFromMillivolts(millivolts);
            if (percent != _percent)
            {
                // What the voltmeter check in hardware/power.md compares with.
                Debug.WriteLine("beacons: battery count " + count.ToString() + ", cell " + millivolts.ToString() + " mV, "
                    + (percent == FrameLayout.BatteryUnknown ? "unknown" : percent.ToString() + " %"));
            }

            _percent = percent;
            _low = Battery.IsLow(_percent, _low);
        }
    }
}
