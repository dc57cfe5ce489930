namespace Beacons.Indicator
{
    /// <summary>
    /// LED colours as 0xRRGGBB integers at full intensity; the device app scales them to its
    /// brightness just before writing the LED. Colours the wearer must tell apart in the dark are
    /// saturated primaries or clear mixes, never shades of one hue.
    /// </summary>
    public static class Rgb
    {
        public const int Off = 0x000000;
        public const int White = 0xFFFFFF;
        public const int Green = 0x00FF00;

        /// <summary>Amber-leaning: an RGB LED's "true" yellow (FFFF00) looks green-tinted.</summary>
        public const int Yellow = 0xFF9600;
        public const int Red = 0xFF0000;

        /// <summary>Stands for black triage: a black light cannot be seen (blue is also the old UK "expectant" colour).</summary>
        public const int Blue = 0x0000FF;

        /// <summary>Reserved for "this device is not working": no triage colour or badge state uses it.</summary>
        public const int Magenta = 0xFF00FF;

        public static byte R(int colour)
        {
            return (byte)(colour >> 16);
        }

        public static byte G(int colour)
        {
            return (byte)(colour >> 8);
        }

        public static byte B(int colour)
        {
            return (byte)colour;
        }

        /// <summary>Scales each channel by brightness/255, keeping any lit channel at least 1 so a dim setting never turns a colour off.</summary>
        public static int Scale(int colour, int brightness)
        {
            if (brightness >= 255)
            {
                return colour & 0xFFFFFF;
            }

            if (brightness <= 0)
            {
                return Off;
            }

            return (ScaleChannel(R(colour), brightness) << 16) | (ScaleChannel(G(colour), brightness) << 8) | ScaleChannel(B(colour), brightness);
        }

        private static int ScaleChannel(int value, int brightness)
        {
            if (value == 0)
            {
                return 0;
            }

            int scaled = value * brightness / 255;
            return scaled < 1 ? 1 : scaled;
        }
    }
}
