using Beacons.Protocol;

namespace Beacons.Power
{
    /// <summary>
    /// Charge left in a single LiPo / Li-ion cell (3.7 V nominal, 4.2 V full), from its voltage.
    /// Used by badges and tags. The curve is the cell's resting voltage against state of charge at
    /// room temperature, the usual shape for this chemistry:
    /// <code>
    ///   mV    4200 4150 4110 4080 4020 3980 3950 3910 3870 3850 3840 3820 3800 3790 3770 3750 3730 3710 3690 3610 3300
    ///   %      100   95   90   85   80   75   70   65   60   55   50   45   40   35   30   25   20   15   10    5    0
    /// </code>
    /// Straight lines between the points. The flat middle (3.75-3.85 V spans 50 points) is why the
    /// reading must be averaged: ADC noise of 10 mV moves it several percent. Under radio load the
    /// cell reads 50-100 mV low, so the figure errs towards "emptier", the safe side for a drill.
    /// </summary>
    public static class Battery
    {
        /// <summary>At or below this the LED shows "low battery".</summary>
        public const int LowPercent = 15;

        /// <summary>Once low, the warning stays until the charge is back above this (a sagging cell must not flicker in and out).</summary>
        public const int RecoveredPercent = 20;

        /// <summary>Below this no cell is connected (or the ADC pin floats): the level is unknown, not 0 %.</summary>
        public const int MinPlausibleMv = 2500;

        /// <summary>Above this it is not a single Li-ion cell (USB on a divider that does not expect it): unknown.</summary>
        public const int MaxPlausibleMv = 4500;

        private static readonly short[] CurveMv = { 4200, 4150, 4110, 4080, 4020, 3980, 3950, 3910, 3870, 3850, 3840, 3820, 3800, 3790, 3770, 3750, 3730, 3710, 3690, 3610, 3300 };

        /// <summary>Percent 0-100 for a cell voltage, or <see cref="FrameLayout.BatteryUnknown"/> when the voltage cannot be a cell's.</summary>
        public static byte PercentFromMillivolts(int millivolts)
        {
            if (millivolts < MinPlausibleMv || millivolts > MaxPlausibleMv)
            {
                return FrameLayout.BatteryUnknown;
            }

            if (millivolts >= CurveMv[0])
            {
                return 100;
            }

            int last = CurveMv.Length - 1;
            if (millivolts <= CurveMv[last])
            {
                return 0;
            }

            // Points are 5 % apart, from 100 % at index 0 down to 0 % at the last index.
            for (int i = 1; i <= last; i++)
            {
                int lowMv = CurveMv[i];
                if (millivolts >= lowMv)
                {
                    int highMv = CurveMv[i - 1];
                    int lowPercent = 100 - (5 * i);
                    int percent = lowPercent + (((millivolts - lowMv) * 5) + ((highMv - lowMv) / 2)) / (highMv - lowMv);
                    return (byte)percent;
                }
            }

            return 0;
        }

        /// <summary>
        /// The cell voltage behind a raw ADC count: <paramref name="curve"/> turns the count into millivolts
        /// at the pin, and the board's divider scales the cell down by <paramref name="dividerRatioPermille"/>/1000
        /// (2000 for the common 100k/100k divider, 1000 for none). Returns 0 for a count that makes no
        /// sense, which <see cref="PercentFromMillivolts"/> calls unknown.
        /// </summary>
        public static int CellMillivolts(AdcCurve curve, int count, int dividerRatioPermille)
        {
            if (curve == null || dividerRatioPermille <= 0)
            {
                return 0;
            }

            return (int)((long)curve.Millivolts(count) * dividerRatioPermille / 1000);
        }

        /// <summary>Low-battery warning with hysteresis; an unknown level never warns.</summary>
        public static bool IsLow(byte percent, bool wasLow)
        {
            if (percent == FrameLayout.BatteryUnknown)
            {
                return false;
            }

            return wasLow ? percent <= RecoveredPercent : percent <= LowPercent;
        }
    }
}
