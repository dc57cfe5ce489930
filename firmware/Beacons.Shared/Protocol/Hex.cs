namespace Beacons.Protocol
{
    /// <summary>Hex text to bytes and back, for keys in configuration files and for field debugging.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>
        /// Parses hex digits, ignoring spaces, colons and dashes and an optional 0x prefix.
        /// Returns null when the text is not an even number of hex digits.
        /// </summary>
        public static byte[] TryParse(string text)
        {
            if (text == null)
            {
                return null;
            }

            int start = 0;
            if (text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
            {
                start = 2;
            }

            int digits = 0;
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (Value(c) >= 0)
                {
                    digits++;
                }
                else if (c != ' ' && c != ':' && c != '-')
                {
                    return null;
                }
            }

            if (digits % 2 != 0)
            {
                return null;
            }

            byte[] result = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = start; i < text.Length; i++)
            {
                int v = Value(text[i]);
                if (v < 0)
                {
                    continue;
                }

                if (high < 0)
                {
                    high = v;
                }
                else
                {
                    result[n++] = (byte)((high << 4) | v);
                    high = -1;
                }
            }

            return result;
        }

        public static string Format(byte[] bytes, int offset, int length)
        {
            char[] chars = new char[length * 2];
            for (int i = 0; i < length; i++)
            {
                byte b = bytes[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[(2 * i) + 1] = Digits[b & 0xF];
            }

            return new string(chars);
        }

        private static int Value(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
