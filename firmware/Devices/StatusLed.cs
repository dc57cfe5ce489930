using System;
using System.Device.Gpio;
using System.Threading;
using Beacons.Configuration;
using Beacons.Indicator;
using Iot.Device.Ws28xx.Esp32;

namespace Beacons.Devices
{
    /// <summary>
    /// The board's status LED, whichever kind the configuration names: an addressable RGB LED (ATOM Lite's
    /// SK6812), a plain LED on a GPIO (lit for any colour but off), or none at all. Shared by the receiver
    /// and anchor apps and the on-device tests.
    /// </summary>
    public sealed class StatusLed
    {
        /// <summary>An SK6812 at full power is blinding from a metre away and draws more; a quarter is plenty.</summary>
        public const int Brightness = 64;

        private readonly Sk6812 _rgb;
        private readonly GpioPin _mono;
        private int _shown = -1;

        public StatusLed(int pin, LedType type)
        {
            if (pin < 0 || type == LedType.None)
            {
                return;
            }

            if (type == LedType.Rgb)
            {
                _rgb = new Sk6812(pin, 1, 1);
            }
            else
            {
                _mono = new GpioController().OpenPin(pin, PinMode.Output);
            }

            Show(Rgb.Off);
        }

        public bool Present
        {
            get { return _rgb != null || _mono != null; }
        }

        /// <summary>Shows a 0xRRGGBB colour; only writes the LED when the colour changes.</summary>
        public void Show(int colour)
        {
            if (colour == _shown)
            {
                return;
            }

            _shown = colour;
            if (_rgb != null)
            {
                int scaled = Rgb.Scale(colour, Brightness);
                _rgb.Image.SetPixel(0, 0, Rgb.R(scaled), Rgb.G(scaled), Rgb.B(scaled));
                _rgb.Update();
            }
            else if (_mono != null)
            {
                _mono.Write(colour != Rgb.Off ? PinValue.High : PinValue.Low);
            }
        }

        /// <summary>
        /// The fault strobe, for ever: a device whose configuration is missing or wrong must not run on
        /// half of it, and must say so to whoever hands it out.
        /// </summary>
        public void ShowFaultForever()
        {
            while (true)
            {
                Show(Fault.Show(Environment.TickCount64));
                Thread.Sleep(25);
            }
        }
    }
}
