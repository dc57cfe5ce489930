using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Threading;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Indicator;
using nanoFramework.TestFramework;

namespace Beacons.DeviceTests
{
    /// <summary>
    /// The button, the LED and the battery input of the board under test. The LED test needs eyes (it
    /// shows red, green, blue, then the fault strobe); the button test waits ten seconds for a press and
    /// skips itself if nobody presses.
    /// </summary>
    [TestClass]
    public class BoardTests
    {
        [TestMethod]
        public void The_led_shows_each_triage_colour_and_the_fault_strobe()
        {
            if (TestBoard.LedPin < 0 || TestBoard.LedType == LedType.None)
            {
                Assert.SkipTest("this board's configuration names no LED");
            }

            StatusLed led = new StatusLed(TestBoard.LedPin, TestBoard.LedType);
            Assert.IsTrue(led.Present, "the LED did not open");
            int[] colours = new int[] { Rgb.Green, Rgb.Yellow, Rgb.Red, Rgb.Blue };
            for (int i = 0; i < colours.Length; i++)
            {
                OutputHelper.WriteLine("LED: look for colour " + i.ToString() + " of green, yellow, red, blue");
                led.Show(colours[i]);
                Thread.Sleep(700);
            }

            long end = Environment.TickCount64 + 2000;
            while (Environment.TickCount64 < end)
            {
                led.Show(Fault.Show(Environment.TickCount64));
                Thread.Sleep(25);
            }

            led.Show(Rgb.Off);
        }

        [TestMethod]
        public void The_button_reads_released_and_then_pressed()
        {
            GpioController gpio = new GpioController();
            GpioPin pin = gpio.OpenPin(TestBoard.ButtonPin, TestBoard.ButtonPullUp ? PinMode.InputPullUp : PinMode.Input);
            try
            {
                Assert.IsTrue(pin.Read() == PinValue.High, "button pin " + TestBoard.ButtonPin.ToString() + " reads low with nobody pressing: wrong pin, or it needs button.pullup=true");

                OutputHelper.WriteLine("press the button within 10 s");
                long end = Environment.TickCount64 + 10000;
                while (Environment.TickCount64 < end)
                {
                    if (pin.Read() == PinValue.Low)
                    {
                        OutputHelper.WriteLine("button press seen");
                        return;
                    }

                    Thread.Sleep(10);
                }

                Assert.SkipTest("no press within 10 s");
            }
            finally
            {
                pin.Dispose();
                gpio.Dispose();
            }
        }

        [TestMethod]
        public void The_battery_input_reads_a_value_within_the_adc_range()
        {
            if (TestBoard.BatteryAdcChannel < 0)
            {
                Assert.SkipTest("this board's configuration names no battery ADC channel");
            }

            AdcController adc = new AdcController();
            AdcChannel channel = adc.OpenChannel(TestBoard.BatteryAdcChannel);
            int value = channel.ReadValue();
            OutputHelper.WriteLine("battery ADC channel " + TestBoard.BatteryAdcChannel.ToString() + ": " + value.ToString() + " of " + adc.MaxValue.ToString());
            Assert.IsTrue(value >= adc.MinValue && value <= adc.MaxValue, "ADC value out of range");
            Assert.IsTrue(value > adc.MinValue, "the battery input reads zero: nothing connected?");
            channel.Dispose();
        }
    }
}
