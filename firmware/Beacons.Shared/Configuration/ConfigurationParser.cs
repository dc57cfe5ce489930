using Beacons.Protocol;

namespace Beacons.Configuration
{
    /// <summary>
    /// Reads a device configuration file: <c>key=value</c> lines, <c>#</c> comment lines, blank lines.
    /// It answers with a complete, checked <see cref="DeviceConfiguration"/> or with the first error
    /// (which line, which key, what is wrong); it never returns half a configuration and never throws.
    /// The rules per key are in docs/configuration.md.
    /// </summary>
    public static class ConfigurationParser
    {
        private const int B = 1 << (int)DeviceKind.Badge;
        private const int T = 1 << (int)DeviceKind.Tag;
        private const int A = 1 << (int)DeviceKind.Anchor;
        private const int R = 1 << (int)DeviceKind.Receiver;
        private const int All = B | T | A | R;

        // Key table: index constants, names, the kinds a key applies to, the kinds that must set it.
        private const int KFormat = 0;
        private const int KKind = 1;
        private const int KDevice = 2;
        private const int KExercise = 3;
        private const int KCompany = 4;
        private const int KKey = 5;
        private const int KRole = 6;
        private const int KBoard = 7;
        private const int KButtonPin = 8;
        private const int KButtonPullUp = 9;
        private const int KLedPin = 10;
        private const int KLedType = 11;
        private const int KBatteryAdc = 12;
        private const int KWifiSsid = 13;
        private const int KWifiPassword = 14;
        private const int KGatewayAddress = 15;
        private const int KGatewayPort = 16;
        private const int KReceiverKey = 17;
        private const int KZone = 18;
        private const int KRssiAt1m = 19;
        private const int KAdvertRefreshMs = 20;
        private const int KLocate = 21;
        private const int KLocateEveryMs = 22;
        private const int KLocateScanMs = 23;
        private const int KScanFreshMs = 24;
        private const int KFlushMs = 25;
        private const int KHeartbeatMs = 26;
        private const int KQueueDatagrams = 27;

        private static readonly string[] Names =
        {
            ConfigurationKeys.Format, ConfigurationKeys.Kind, ConfigurationKeys.Device, ConfigurationKeys.Exercise,
            ConfigurationKeys.Company, ConfigurationKeys.Key, ConfigurationKeys.Role, ConfigurationKeys.Board,
            ConfigurationKeys.ButtonPin, ConfigurationKeys.ButtonPullUp, ConfigurationKeys.LedPin, ConfigurationKeys.LedType,
            ConfigurationKeys.BatteryAdc, ConfigurationKeys.WifiSsid, ConfigurationKeys.WifiPassword,
            ConfigurationKeys.GatewayAddress, ConfigurationKeys.GatewayPort, ConfigurationKeys.ReceiverKey,
            ConfigurationKeys.Zone, ConfigurationKeys.RssiAt1m, ConfigurationKeys.AdvertRefreshMs, ConfigurationKeys.Locate,
            ConfigurationKeys.LocateEveryMs, ConfigurationKeys.LocateScanMs, ConfigurationKeys.ScanFreshMs,
            ConfigurationKeys.FlushMs, ConfigurationKeys.HeartbeatMs,
            ConfigurationKeys.QueueDatagrams,
        };

        private static readonly int[] AppliesTo =
        {
            All, All, All, All,
            All, B | T | A, B, All,
            B | T, B | T, All, All,
            B | T | A, R, R,
            R, R, R,
            A, A, B | T | A, B,
            B, B, R,
            R, R, R,
        };

        private static readonly int[] RequiredFor =
        {
            All, All, All, All,
            0, B | T | A, B, 0,
            B | T, 0, T, T,
            0, R, 0,
            R, R, R,
            A, A, 0, 0,
            0, 0, 0,
            0, 0, 0,
        };

        public static ConfigurationResult Parse(string text)
        {
            Reader reader = new Reader();
            reader.ReadLines(text);
            return reader.Build();
        }

        /// <summary>The state of one parse. The first error wins; every later check then does nothing.</summary>
        private sealed class Reader
        {
            private readonly string[] _values = new string[Names.Length];
            private readonly int[] _lines = new int[Names.Length];
            private DeviceKind _kind;
            private string _error;
            private int _errorLine;
            private string _errorKey;

            public void ReadLines(string text)
            {
                if (text == null || text.Trim().Length == 0)
                {
                    Fail(0, null, "the configuration file is empty");
                    return;
                }

                if (text.Length > ConfigurationKeys.MaxLength)
                {
                    Fail(0, null, "the configuration file has " + text.Length.ToString() + " characters; at most " + ConfigurationKeys.MaxLength.ToString() + " are allowed");
                    return;
                }

                int lineNumber = 0;
                int start = 0;
                if (text[0] == '\uFEFF')
                {
                    start = 1; // a byte-order mark some editors write
                }

                while (start < text.Length)
                {
                    int end = text.IndexOf('\n', start);
                    if (end < 0)
                    {
                        end = text.Length;
                    }

                    lineNumber++;
                    ReadLine(text.Substring(start, end - start), lineNumber);
                    start = end + 1;
                }
            }

            private void ReadLine(string raw, int lineNumber)
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    return;
                }

                int eq = line.IndexOf('=');
                if (eq < 0)
                {
                    Fail(lineNumber, null, "expected key=value, found '" + Shorten(line) + "'");
                    return;
                }

                string key = line.Substring(0, eq).Trim().ToLower();
                string value = line.Substring(eq + 1).Trim();
                int k = IndexOf(key);
                if (k < 0)
                {
                    Fail(lineNumber, key, "unknown key '" + Shorten(key) + "'");
                    return;
                }

                if (_lines[k] != 0)
                {
                    Fail(lineNumber, key, "'" + key + "' is set twice (first on line " + _lines[k].ToString() + ")");
                    return;
                }

                _lines[k] = lineNumber;
                if (value.Length == 0)
                {
                    Fail(lineNumber, key, "'" + key + "' has no value");
                    return;
                }

                _values[k] = value;
            }

            public ConfigurationResult Build()
            {
                if (_error == null)
                {
                    Check();
                }

                // The object is only handed out when every check passed; otherwise it is dropped here.
                DeviceConfiguration c = null;
                if (_error == null)
                {
                    c = new DeviceConfiguration();
                    Fill(c);
                }

                if (_error != null)
                {
                    int ledPin = -1;
                    LedType ledType = LedType.None;
                    LedHint(ref ledPin, ref ledType);
                    return ConfigurationResult.Failed(_error, _errorLine, _errorKey, ledPin, ledType);
                }

                return ConfigurationResult.Valid(c);
            }

            // Which keys a file must and may have depends on its kind, so the kind comes first.
            private void Check()
            {
                if (!Present(KFormat))
                {
                    return;
                }

                int format = 0;
                if (!TryParseInt(_values[KFormat], ref format) || format != ConfigurationKeys.CurrentFormat)
                {
                    Fail(_lines[KFormat], Names[KFormat], "this firmware reads configuration format " + ConfigurationKeys.CurrentFormat.ToString() + ", not '" + Shorten(_values[KFormat]) + "'");
                    return;
                }

                if (!Present(KKind))
                {
                    return;
                }

                _kind = ConfigurationWords.ParseKind(_values[KKind].ToLower());
                if (_kind == DeviceKind.None)
                {
                    Fail(_lines[KKind], Names[KKind], "'kind' must be badge, tag, anchor or receiver, not '" + Shorten(_values[KKind]) + "'");
                    return;
                }

                int kindBit = 1 << (int)_kind;
                string kindName = ConfigurationWords.KindName(_kind);

                // Report a key that does not belong before a missing one: it usually means the wrong file.
                int firstLine = int.MaxValue;
                int firstKey = -1;
                for (int k = 0; k < Names.Length; k++)
                {
                    if (_lines[k] != 0 && (AppliesTo[k] & kindBit) == 0 && _lines[k] < firstLine)
                    {
                        firstLine = _lines[k];
                        firstKey = k;
                    }
                }

                if (firstKey >= 0)
                {
                    Fail(firstLine, Names[firstKey], "'" + Names[firstKey] + "' does not apply to a " + kindName);
                    return;
                }

                for (int k = 0; k < Names.Length; k++)
                {
                    if ((RequiredFor[k] & kindBit) != 0 && _values[k] == null)
                    {
                        Fail(0, Names[k], "'" + Names[k] + "' is missing; a " + kindName + " needs it");
                        return;
                    }
                }
            }

            private void Fill(DeviceConfiguration c)
            {
                c.Kind = _kind;
                c.DeviceId = (ushort)Int(KDevice, 1, 65535, 0);
                c.ExerciseId = (ushort)Int(KExercise, 0, 65535, 0);
                c.CompanyId = Company(KCompany, FrameLayout.DefaultCompanyId);
                c.FrameKey = Key(KKey);
                c.Role = Role(KRole);
                c.Board = _values[KBoard] == null ? string.Empty : _values[KBoard];
                if (c.Board.Length > 32)
                {
                    Fail(_lines[KBoard], Names[KBoard], "'board' must be at most 32 characters");
                }

                c.ButtonPin = Int(KButtonPin, 0, 48, -1);
                c.ButtonPullUp = Bool(KButtonPullUp, c.ButtonPin >= 0);
                c.LedPin = Int(KLedPin, -1, 48, -1);
                c.LedType = Led(KLedType);
                c.BatteryAdcChannel = Int(KBatteryAdc, -1, 19, -1);
                c.WifiSsid = Text(KWifiSsid, 1, 32, false);
                c.WifiPassword = _kind == DeviceKind.Receiver ? Password(KWifiPassword) : null;
                c.GatewayAddress = IPv4(KGatewayAddress);
                c.GatewayPort = Int(KGatewayPort, 1, 65535, 0);
                c.ReceiverKey = Key(KReceiverKey);
                c.Zone = (byte)Int(KZone, 1, 255, Beacons.Protocol.Zone.None);
                c.RssiAt1m = (sbyte)Int(KRssiAt1m, -127, 0, 0);

                int refresh = 0;
                if (_kind == DeviceKind.Badge)
                {
                    refresh = ConfigurationKeys.DefaultBadgeAdvertRefreshMs;
                }
                else if (_kind == DeviceKind.Tag)
                {
                    refresh = ConfigurationKeys.DefaultTagAdvertRefreshMs;
                }
                else if (_kind == DeviceKind.Anchor)
                {
                    refresh = ConfigurationKeys.DefaultAnchorAdvertRefreshMs;
                }

                c.AdvertRefreshMs = Int(KAdvertRefreshMs, 1000, ConfigurationKeys.MaxAdvertRefreshMs, refresh);

                bool badge = _kind == DeviceKind.Badge;
                bool receiver = _kind == DeviceKind.Receiver;
                c.Locate = Bool(KLocate, false);
                c.LocateEveryMs = Int(KLocateEveryMs, 2000, 600000, badge ? ConfigurationKeys.DefaultLocateEveryMs : 0);
                c.LocateScanMs = Int(KLocateScanMs, 200, 10000, badge ? ConfigurationKeys.DefaultLocateScanMs : 0);
                c.ScanFreshMs = Int(KScanFreshMs, ConfigurationKeys.MinScanFreshMs, 60000, receiver ? ConfigurationKeys.DefaultScanFreshMs : 0);
                c.FlushMs = Int(KFlushMs, 20, 5000, receiver ? ConfigurationKeys.DefaultFlushMs : 0);
                c.HeartbeatMs = Int(KHeartbeatMs, 1000, 600000, receiver ? ConfigurationKeys.DefaultHeartbeatMs : 0);
                c.QueueDatagrams = Int(KQueueDatagrams, 1, 64, receiver ? ConfigurationKeys.DefaultQueueDatagrams : 0);

                if (_error != null)
                {
                    return;
                }

                // Rules between keys, checked once each key is valid on its own.
                if (c.LedPin >= 0 && c.LedType == LedType.None)
                {
                    Fail(LineOr(KLedType, KLedPin), Names[KLedType], "'led.pin' names an LED, so 'led.type' must be mono or rgb");
                }
                else if (c.LedPin < 0 && c.LedType != LedType.None)
                {
                    Fail(_lines[KLedType], Names[KLedType], "'led.type' is " + ConfigurationWords.LedTypeName(c.LedType) + " but 'led.pin' names no LED");
                }
                else if (_kind == DeviceKind.Tag && c.LedType != LedType.Rgb)
                {
                    Fail(_lines[KLedType], Names[KLedType], "a tag shows its triage colour, so 'led.type' must be rgb");
                }
                else if (badge && c.LocateScanMs >= c.LocateEveryMs)
                {
                    Fail(LineOr(KLocateScanMs, KLocateEveryMs), Names[KLocateScanMs], "'locate.scan.ms' (" + c.LocateScanMs.ToString() + ") must be shorter than 'locate.every.ms' (" + c.LocateEveryMs.ToString() + ")");
                }
            }

            /// <summary>The LED pin and type when the file names them validly, whatever else is wrong with it.</summary>
            private void LedHint(ref int pin, ref LedType type)
            {
                int p = 0;
                LedType t = LedType.None;
                if (_values[KLedPin] == null || _values[KLedType] == null || !TryParseInt(_values[KLedPin], ref p) || p < 0 || p > 48)
                {
                    return;
                }

                if (ConfigurationWords.TryParseLedType(_values[KLedType].ToLower(), ref t) && t != LedType.None)
                {
                    pin = p;
                    type = t;
                }
            }

            private bool Present(int k)
            {
                if (_values[k] == null)
                {
                    Fail(0, Names[k], "'" + Names[k] + "' is missing; every configuration needs it");
                    return false;
                }

                return true;
            }

            private int Int(int k, int min, int max, int fallback)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return fallback;
                }

                int n = 0;
                if (!TryParseInt(v, ref n) || n < min || n > max)
                {
                    Fail(_lines[k], Names[k], "'" + Names[k] + "' must be a whole number from " + min.ToString() + " to " + max.ToString() + ", not '" + Shorten(v) + "'");
                    return fallback;
                }

                return n;
            }

            private bool Bool(int k, bool fallback)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return fallback;
                }

                string lower = v.ToLower();
                if (lower == "true")
                {
                    return true;
                }

                if (lower == "false")
                {
                    return false;
                }

                Fail(_lines[k], Names[k], "'" + Names[k] + "' must be true or false, not '" + Shorten(v) + "'");
                return fallback;
            }

            // Keys are secrets: errors say what is wrong with them, never what they are.
            private MacKey Key(int k)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return null;
                }

                MacKey key = MacKey.TryParseHex(v);
                if (key == null)
                {
                    byte[] bytes = Hex.TryParse(v);
                    string what = bytes == null ? "it has a character that is not a hex digit" : "it has " + (bytes.Length * 2).ToString() + " digits";
                    Fail(_lines[k], Names[k], "'" + Names[k] + "' must be 32 hex digits (a 128-bit key); " + what);
                }

                return key;
            }

            private ushort Company(int k, ushort fallback)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return fallback;
                }

                byte[] bytes = Hex.TryParse(v);
                if (bytes == null || bytes.Length != 2)
                {
                    Fail(_lines[k], Names[k], "'company' must be 4 hex digits like FFFF, not '" + Shorten(v) + "'");
                    return fallback;
                }

                return (ushort)((bytes[0] << 8) | bytes[1]);
            }

            private OfficerRole Role(int k)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return OfficerRole.Unknown;
                }

                OfficerRole role = ConfigurationWords.ParseRole(v.ToLower());
                if (role == OfficerRole.Unknown)
                {
                    Fail(_lines[k], Names[k], "'role' must be contact, rtf-officer, rtf-medic, command or evaluator, not '" + Shorten(v) + "'");
                }

                return role;
            }

            private LedType Led(int k)
            {
                string v = _values[k];
                LedType type = LedType.None;
                if (_error != null || v == null)
                {
                    return type;
                }

                if (!ConfigurationWords.TryParseLedType(v.ToLower(), ref type))
                {
                    Fail(_lines[k], Names[k], "'led.type' must be none, mono or rgb, not '" + Shorten(v) + "'");
                }

                return type;
            }

            private string Text(int k, int minLength, int maxLength, bool secret)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return null;
                }

                if (v.Length < minLength || v.Length > maxLength)
                {
                    string shown = secret ? string.Empty : " ('" + Shorten(v) + "')";
                    Fail(_lines[k], Names[k], "'" + Names[k] + "' must be " + minLength.ToString() + " to " + maxLength.ToString() + " characters; it has " + v.Length.ToString() + shown);
                    return null;
                }

                return v;
            }

            // WPA2 takes a passphrase of 8 to 63 characters or 64 hex digits; no password means an open network.
            private string Password(int k)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return string.Empty;
                }

                if (v.Length < 8 || v.Length > 64)
                {
                    Fail(_lines[k], Names[k], "'wifi.password' must be 8 to 64 characters (WPA2), or left out for an open network; it has " + v.Length.ToString());
                    return string.Empty;
                }

                return v;
            }

            private string IPv4(int k)
            {
                string v = _values[k];
                if (_error != null || v == null)
                {
                    return null;
                }

                string[] parts = v.Split(new char[] { '.' });
                bool ok = parts.Length == 4;
                for (int i = 0; ok && i < 4; i++)
                {
                    int n = 0;
                    ok = parts[i].Length >= 1 && parts[i].Length <= 3 && IsDigits(parts[i]) && TryParseInt(parts[i], ref n) && n <= 255;
                }

                if (!ok)
                {
                    Fail(_lines[k], Names[k], "'" + Names[k] + "' must be an IPv4 address like 192.168.1.10, not '" + Shorten(v) + "'");
                    return null;
                }

                return v;
            }

            private int LineOr(int k, int other)
            {
                return _lines[k] != 0 ? _lines[k] : _lines[other];
            }

            private void Fail(int line, string key, string message)
            {
                if (_error != null)
                {
                    return;
                }

                _errorLine = line;
                _errorKey = key;
                _error = line > 0 ? "line " + line.ToString() + ": " + message : message;
            }
        }

        private static int IndexOf(string key)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whole numbers only: an optional sign and at most nine digits, so nothing overflows.</summary>
        private static bool TryParseInt(string s, ref int value)
        {
            int i = 0;
            bool negative = false;
            if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
            {
                negative = s[0] == '-';
                i = 1;
            }

            int digits = s.Length - i;
            if (digits < 1 || digits > 9)
            {
                return false;
            }

            int n = 0;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                n = (n * 10) + (c - '0');
            }

            value = negative ? -n : n;
            return true;
        }

        private static bool IsDigits(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static string Shorten(string s)
        {
            return s.Length <= 40 ? s : s.Substring(0, 40) + "...";
        }
    }
}
