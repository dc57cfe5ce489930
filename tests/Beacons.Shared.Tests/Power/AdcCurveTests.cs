using Beacons.Power;

namespace Beacons.Shared.Tests.Power;

/// <summary>
/// The ADC curves in AdcCurve.cs against Espressif's own conversions, computed here from the constants
/// ESP-IDF publishes (components/esp_adc: esp32/adc_cali_line_fitting.c, esp32c3/curve_fitting_coefficients.c),
/// so a mistyped table point fails.
/// </summary>
public class AdcCurveTests
{
    [Fact]
    public void TheEsp32CurveIsEspIdfsLineFittingWithTheNominalReference()
    {
        for (int count = 0; count <= 4095; count++)
        {
            int idf = Esp32LineFitting(count);
            Assert.True(Math.Abs(AdcCurve.Esp32At12dB.Millivolts(count) - idf) <= 2,
                $"count {count}: curve {AdcCurve.Esp32At12dB.Millivolts(count)} mV, ESP-IDF {idf} mV");
        }
    }

    [Fact]
    public void TheEsp32C3CurveIsEspIdfsCurveFittingAtTheNominalCalibrationPoint()
    {
        for (int count = 0; count <= 4095; count++)
        {
            double idf = Esp32C3CurveFitting(count);
            Assert.True(Math.Abs(AdcCurve.Esp32C3At12dB.Millivolts(count) - idf) <= 2.5,
                $"count {count}: curve {AdcCurve.Esp32C3At12dB.Millivolts(count)} mV, ESP-IDF {idf:0.0} mV");
        }
    }

    [Theory]
    [InlineData(0, 142)]     // the ESP32 reads nothing below about 150 mV
    [InlineData(2430, 2100)] // a full cell through a halving divider
    [InlineData(2880, 2462)] // where the lookup table takes over
    [InlineData(4095, 3134)] // the ceiling: far below the 3,300 mV a linear reading assumed
    public void Esp32PointsEveryoneChecksAgainst(int count, int millivolts)
    {
        Assert.Equal(millivolts, AdcCurve.Esp32At12dB.Millivolts(count));
    }

    [Theory]
    [InlineData(2000, 1367)] // the nominal calibration point, 1,370 mV, less Espressif's error term
    [InlineData(4095, 2727)]
    public void Esp32C3PointsEveryoneChecksAgainst(int count, int millivolts)
    {
        Assert.Equal(millivolts, AdcCurve.Esp32C3At12dB.Millivolts(count));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4096)]
    [InlineData(65535)]
    public void ACountTheAdcCannotGiveIsZero(int count)
    {
        Assert.Equal(0, AdcCurve.Esp32At12dB.Millivolts(count));
        Assert.Equal(0, AdcCurve.Esp32C3At12dB.Millivolts(count));
    }

    [Fact]
    public void BothCurvesRiseWithTheCount()
    {
        foreach (AdcCurve curve in new[] { AdcCurve.Esp32At12dB, AdcCurve.Esp32C3At12dB })
        {
            Assert.Equal(4095, curve.MaxCount);
            for (int count = 1; count <= curve.MaxCount; count++)
            {
                Assert.True(curve.Millivolts(count) >= curve.Millivolts(count - 1), $"falls at count {count}");
            }
        }
    }

    [Theory]
    [InlineData("ESP32_C3", true)]
    [InlineData("ESP32_C3_BETA", true)]
    [InlineData("ESP32_BLE_REV0", false)]
    [InlineData("ESP32_BLE_REV3", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TheImageNamePicksTheChipsCurve(string? target, bool c3)
    {
        Assert.Same(c3 ? AdcCurve.Esp32C3At12dB : AdcCurve.Esp32At12dB, AdcCurve.ForTarget(target!));
    }

    /// <summary>ESP-IDF's ESP32 ADC1 conversion at 12 dB with the default 1,100 mV reference (no eFuse values).</summary>
    private static int Esp32LineFitting(int count)
    {
        const int vref = 1100;
        long coeffA = vref * 196602L / 4096; // ADC1 vref scale for 12 dB
        const long coeffB = 142;             // ADC1 vref offset for 12 dB
        int Linear(int x) => (int)(((coeffA * x) + 32768) / 65536 + coeffB);

        int[] low = [2240, 2297, 2352, 2405, 2457, 2512, 2564, 2616, 2664, 2709, 2754, 2795, 2832, 2868, 2903, 2937, 2969, 3000, 3030, 3060];
        int[] high = [2667, 2706, 2745, 2780, 2813, 2844, 2873, 2901, 2928, 2956, 2982, 3006, 3032, 3059, 3084, 3110, 3135, 3160, 3184, 3209];
        if (count < 2880)
        {
            return Linear(count);
        }

        int i = (count - 2880) / 64;
        int y2 = ((i + 1) * 64) + 2880 - count;
        int y1 = count - ((i * 64) + 2880);
        int x2 = 1200 - vref;
        int x1 = vref - 1000;
        int lut = ((low[i] * x2 * y2) + (high[i] * x1 * y2) + (low[i + 1] * x2 * y1) + (high[i + 1] * x1 * y1) + (200 * 64 / 2)) / (200 * 64);
        if (count > 2944)
        {
            return lut;
        }

        int linear = Linear(count);
        int step = count - 2880;
        return ((linear * 64) + (lut * step) - (linear * step) + 32) / 64;
    }

    /// <summary>ESP-IDF's ESP32-C3 conversion at 12 dB for a chip whose eFuse holds the nominal point (count 2,000 at 1,370 mV).</summary>
    private static double Esp32C3CurveFitting(int count)
    {
        double v = count * 1370.0 / 2000;
        double[] k = [-1.4912262772850453, -0.0228549975564099, 0.0000356391935717, -0.0000000179964582, 0.0000000000042046];
        double error = 0;
        for (int n = 0; n < k.Length; n++)
        {
            error += k[n] * Math.Pow(v, n);
        }

        return v - error;
    }
}
