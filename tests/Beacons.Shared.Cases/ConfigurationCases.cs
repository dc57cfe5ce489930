// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

namespace Beacons.Cases
{
    /// <summary>Example configuration files of each kind, a way to edit them line by line, and the parser's error cases.</summary>
    public static class ConfigurationCases
    {
        public const string FrameKeyHex = "000102030405060708090a0b0c0d0e0f";
        public const string ReceiverKeyHex = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

        private static readonly char[] NewLine = { '\n' };

        public static string Badge()
        {
            return Lines(new[]
            {
                "# badge for Sgt. A. Ruiz", "format=1", "kind=badge", "device=101", "exercise=42", "key=" + FrameKeyHex,
                "role=rtf-medic", "board=atom-lite", "button.pin=39", "button.pullup=false", "led.pin=27", "led.type=rgb", "locate=true",
            });
        }

        public static string Tag()
        {
            return Lines(new[] { "format=1", "kind=tag", "device=501", "exercise=42", "key=" + FrameKeyHex, "button.pin=39", "led.pin=27", "led.type=rgb" });
        }

        public static string Anchor()
        {
            return Lines(new[] { "format=1", "kind=anchor", "device=7", "exercise=42", "key=" + FrameKeyHex, "zone=3", "rssi1m=-59", "company=1234" });
        }

        public static string Receiver()
        {
            return Lines(new[]
            {
                "format=1", "kind=receiver", "device=2", "exercise=42", "wifi.ssid=Drill Net", "wifi.password=correct horse",
                "gateway.address=192.168.4.10", "gateway.port=47800", "receiver.key=" + ReceiverKeyHex, "led.pin=2", "led.type=mono",
            });
        }

        public static string FileOf(string kind)
        {
            if (kind == "badge")
            {
                return Badge();
            }

            if (kind == "tag")
            {
                return Tag();
            }

            return kind == "anchor" ? Anchor() : Receiver();
        }

        /// <summary>Files that say nothing: "the configuration file is empty", on no line.</summary>
        public static readonly string[] EmptyFiles = { null, "", "   \n\n  \r\n" };

        /// <summary>Each required key of each kind, as kind, key pairs: a file without it names the key.</summary>
        public static readonly string[][] RequiredKeys =
        {
            new[] { "badge", "format" }, new[] { "badge", "kind" }, new[] { "badge", "device" }, new[] { "badge", "exercise" },
            new[] { "badge", "key" }, new[] { "badge", "role" }, new[] { "badge", "button.pin" },
            new[] { "tag", "key" }, new[] { "tag", "button.pin" }, new[] { "tag", "led.pin" }, new[] { "tag", "led.type" },
            new[] { "anchor", "key" }, new[] { "anchor", "zone" }, new[] { "anchor", "rssi1m" },
            new[] { "receiver", "wifi.ssid" }, new[] { "receiver", "gateway.address" }, new[] { "receiver", "gateway.port" },
            new[] { "receiver", "receiver.key" }, new[] { "receiver", "device" },
        };

        /// <summary>kind, key, value, the range the error names: "line N: 'key' must be a whole number RANGE, not 'value'".</summary>
        public static readonly string[][] OutOfRange =
        {
            new[] { "anchor", "zone", "0", "from 1 to 255" },
            new[] { "anchor", "zone", "256", "from 1 to 255" },
            new[] { "anchor", "zone", "three", "from 1 to 255" },
            new[] { "anchor", "rssi1m", "1", "from -127 to 0" },
            new[] { "anchor", "rssi1m", "-128", "from -127 to 0" },
            new[] { "badge", "device", "0", "from 1 to 65535" },
            new[] { "badge", "device", "65536", "from 1 to 65535" },
            new[] { "badge", "device", "99999999999", "from 1 to 65535" },
            new[] { "badge", "device", "1.5", "from 1 to 65535" },
            new[] { "badge", "exercise", "-4", "from 0 to 65535" },
            new[] { "badge", "button.pin", "49", "from 0 to 48" },
            new[] { "badge", "led.pin", "-2", "from -1 to 48" },
            new[] { "badge", "locate.every.ms", "999999", "from 2000 to 600000" },
            new[] { "badge", "advert.refresh.ms", "10", "from 1000 to 20000" },
            new[] { "anchor", "advert.refresh.ms", "60000", "from 1000 to 20000" },
            new[] { "receiver", "gateway.port", "0", "from 1 to 65535" },
            new[] { "receiver", "gateway.port", "70000", "from 1 to 65535" },
            new[] { "receiver", "flush.ms", "5", "from 20 to 5000" },
            new[] { "receiver", "queue.datagrams", "0", "from 1 to 64" },
            new[] { "receiver", "scan.fresh.ms", "100", "from 500 to 60000" },
        };

        /// <summary>A receiver file with key set to value, and a phrase its error must contain.</summary>
        public static readonly string[][] MalformedReceiverValues =
        {
            new[] { "gateway.address", "192.168.4", "IPv4 address" },
            new[] { "gateway.address", "192.168.4.256", "IPv4 address" },
            new[] { "gateway.address", "gateway.local", "IPv4 address" },
            new[] { "gateway.address", "1.2.3.-4", "IPv4 address" },
            new[] { "wifi.ssid", "an ssid that is much longer than thirty-two characters", "1 to 32 characters" },
            new[] { "wifi.password", "short", "8 to 64 characters" },
            new[] { "company", "FFFFF", "4 hex digits" },
            new[] { "led.type", "blue", "none, mono or rgb" },
        };

        /// <summary>The expected message of an <see cref="OutOfRange"/> case on its line.</summary>
        public static string OutOfRangeError(int line, string key, string value, string range)
        {
            return "line " + line + ": '" + key + "' must be a whole number " + range + ", not '" + value + "'";
        }

        /// <summary><paramref name="text"/> with key set to value: replaced where the key is, else added as a last line.</summary>
        public static string Set(string text, string key, string value)
        {
            return LineOf(text, key) > 0 ? Replace(text, key, value) : text + "\n" + key + "=" + value;
        }

        public static string Replace(string text, string key, string value)
        {
            string[] lines = text.Split(NewLine);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith(key + "="))
                {
                    lines[i] = key + "=" + value;
                }
            }

            return Lines(lines);
        }

        public static string Without(string text, string key)
        {
            string[] lines = text.Split(NewLine);
            string result = null;
            for (int i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith(key + "="))
                {
                    result = result == null ? lines[i] : result + "\n" + lines[i];
                }
            }

            return result ?? "";
        }

        /// <summary>The 1-based line that sets key, or 0.</summary>
        public static int LineOf(string text, string key)
        {
            string[] lines = text.Split(NewLine);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith(key + "="))
                {
                    return i + 1;
                }
            }

            return 0;
        }

        private static string Lines(string[] lines)
        {
            string text = lines[0];
            for (int i = 1; i < lines.Length; i++)
            {
                text += "\n" + lines[i];
            }

            return text;
        }
    }
}
