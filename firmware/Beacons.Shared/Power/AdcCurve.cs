namespace Beacons.Power
{
    /// <summary>
    /// Millivolts at an ADC pin from the raw count nanoFramework hands over, as straight lines between
    /// measured points. nanoFramework's ESP32 firmware opens every channel at 12 bits with 12 dB
    /// attenuation (ADC_ATTEN_DB_12, formerly DB_11) and returns the raw count: it applies no
    /// esp_adc_cal / adc_cali conversion and reads no eFuse calibration, so the count is not linear
    /// in volts from 0 to 3,300 mV. The curves are Espressif's own characteristics for a typical chip
    /// (ESP-IDF, components/esp_adc), which is all the firmware can know: C# cannot read the chip's
    /// eFuse. hardware/power.md says how far a single chip may be off and how to check one.
    /// </summary>
    public sealed class AdcCurve
    {
        /// <summary>
        /// ESP32 ADC1 at 12 dB with the nominal 1,100 mV reference, as ESP-IDF's line-fitting scheme
        /// converts it: a straight line mV = 0.8056 x count + 142 up to count 2,880 (2,462 mV), then
        /// the middle of its two lookup curves (references 1,000 and 1,200 mV) every 64 counts, where
        /// the ADC compresses towards its ceiling of about 3,130 mV.
        /// </summary>
        public static readonly AdcCurve Esp32At12dB = new AdcCurve(
            new short[] { 0, 2880, 2944, 3008, 3072, 3136, 3200, 3264, 3328, 3392, 3456, 3520, 3584, 3648, 3712, 3776, 3840, 3904, 3968, 4032, 4095 },
            new short[] { 142, 2462, 2502, 2549, 2593, 2635, 2678, 2719, 2759, 2796, 2833, 2868, 2901, 2932, 2964, 2994, 3024, 3052, 3080, 3107, 3134 });

        /// <summary>
        /// ESP32-C3 ADC1 at 12 dB, as ESP-IDF's curve-fitting scheme converts it for a chip at the nominal
        /// calibration point (count 2,000 at 1,370 mV): the line 0.685 mV per count less Espressif's
        /// fourth-order error term. The C3's driver loads the chip's offset code into the ADC before each
        /// reading, but not its gain. Espressif rates the range to 2,500 mV.
        /// </summary>
        public static readonly AdcCurve Esp32C3At12dB = new AdcCurve(
            new short[] { 0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4095 },
            new short[] { 1, 348, 690, 1030, 1367, 1703, 2034, 2358, 2670, 2727 });

        private readonly short[] _counts;
        private readonly short[] _millivolts;

        /// <summary><paramref name="counts"/> rising from 0, <paramref name="millivolts"/> the pin voltage at each.</summary>
        public AdcCurve(short[] counts, short[] millivolts)
        {
            _counts = counts;
            _millivolts = millivolts;
        }

        /// <summary>The highest count the curve knows (the ADC's full scale).</summary>
        public int MaxCount
        {
            get { return _counts[_counts.Length - 1]; }
        }

        /// <summary>
        /// The curve for the nanoFramework image a device runs (<c>SystemInfo.TargetName</c>): the C3's for
        /// ESP32_C3 images, the ESP32's for the others the boards use (ESP32_BLE_REV0, ESP32_BLE_REV3).
        /// </summary>
        public static AdcCurve ForTarget(string targetName)
        {
            return targetName != null && targetName.StartsWith("ESP32_C3") ? Esp32C3At12dB : Esp32At12dB;
        }

        /// <summary>Millivolts at the pin for a raw count, or 0 for a count the ADC cannot give.</summary>
        public int Millivolts(int count)
        {
            if (count < 0 || count > MaxCount)
            {
                return 0;
            }

            int i = 1;
            while (count > _counts[i])
            {
                i++;
            }

            int x0 = _counts[i - 1];
            int x1 = _counts[i];
            int y0 = _millivolts[i - 1];
            int y1 = _millivolts[i];
            return y0 + (((y1 - y0) * (count - x0)) + ((x1 - x0) / 2)) / (x1 - x0);
        }
    }
}
