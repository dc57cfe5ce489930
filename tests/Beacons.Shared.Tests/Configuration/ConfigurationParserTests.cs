using Beacons.Configuration;
using FsCheck;
using FsCheck.Fluent;
using Beacons.Protocol;
using Xunit;

namespace Beacons.Shared.Tests.Configuration;

public class ConfigurationParserTests
{
    // The example files, the line editing and the error tables are shared with the nanoCLR tests.
    private const string FrameKeyHex = ConfigurationCases.FrameKeyHex;
    private const string ReceiverKeyHex = ConfigurationCases.ReceiverKeyHex;

    public static string Badge() => ConfigurationCases.Badge();

    public static string Tag() => ConfigurationCases.Tag();

    public static string Anchor() => ConfigurationCases.Anchor();

    public static string Receiver() => ConfigurationCases.Receiver();

    private static ConfigurationResult Parse(string text)
    {
        ConfigurationResult result = ConfigurationParser.Parse(text);
        // Either a whole configuration or an error, never both, never neither.
        Assert.Equal(result.Configuration is null, result.Error is not null);
        Assert.Equal(result.IsValid, result.Configuration is not null);
        return result;
    }

    private static DeviceConfiguration Valid(string text)
    {
        ConfigurationResult result = Parse(text);
        Assert.True(result.IsValid, result.Error);
        return result.Configuration;
    }

    private static ConfigurationResult Invalid(string text)
    {
        ConfigurationResult result = Parse(text);
        Assert.False(result.IsValid);
        return result;
    }

    private static string Without(string text, string key) => ConfigurationCases.Without(text, key);

    private static string Replace(string text, string key, string value) => ConfigurationCases.Replace(text, key, value);

    private static int LineOf(string text, string key) => ConfigurationCases.LineOf(text, key);

    [Fact]
    public void A_badge_file_gives_every_setting()
    {
        DeviceConfiguration c = Valid(Badge());
        Assert.Equal(DeviceKind.Badge, c.Kind);
        Assert.Equal(101, c.DeviceId);
        Assert.Equal(42, c.ExerciseId);
        Assert.Equal(FrameLayout.DefaultCompanyId, c.CompanyId);
        Assert.Equal(OfficerRole.RtfMedic, c.Role);
        Assert.Equal("atom-lite", c.Board);
        Assert.Equal(39, c.ButtonPin);
        Assert.False(c.ButtonPullUp);
        Assert.Equal(27, c.LedPin);
        Assert.Equal(LedType.Rgb, c.LedType);
        Assert.Equal(-1, c.BatteryAdcChannel);
        Assert.True(c.Locate);
        Assert.Equal(ConfigurationKeys.DefaultLocateEveryMs, c.LocateEveryMs);
        Assert.Equal(ConfigurationKeys.DefaultLocateScanMs, c.LocateScanMs);
        Assert.Equal(ConfigurationKeys.DefaultBadgeAdvertRefreshMs, c.AdvertRefreshMs);
        Assert.Null(c.ReceiverKey);
        Assert.Null(c.WifiSsid);

        MacKey expected = MacKey.TryParseHex(FrameKeyHex)!;
        Assert.Equal(expected.K0, c.FrameKey.K0);
        Assert.Equal(expected.K1, c.FrameKey.K1);
    }

    [Fact]
    public void A_receiver_file_gives_its_network_and_timings()
    {
        DeviceConfiguration c = Valid(Receiver());
        Assert.Equal(DeviceKind.Receiver, c.Kind);
        Assert.Equal(2, c.DeviceId);
        Assert.Equal("Drill Net", c.WifiSsid);
        Assert.Equal("correct horse", c.WifiPassword);
        Assert.Equal("192.168.4.10", c.GatewayAddress);
        Assert.Equal(47800, c.GatewayPort);
        Assert.Equal(MacKey.TryParseHex(ReceiverKeyHex)!.K0, c.ReceiverKey.K0);
        Assert.Null(c.FrameKey);
        Assert.Equal(-1, c.ButtonPin);
        Assert.Equal(LedType.Mono, c.LedType);
        Assert.Equal(ConfigurationKeys.DefaultScanFreshMs, c.ScanFreshMs);
        Assert.Equal(ConfigurationKeys.DefaultFlushMs, c.FlushMs);
        Assert.Equal(ConfigurationKeys.DefaultHeartbeatMs, c.HeartbeatMs);
        Assert.Equal(ConfigurationKeys.DefaultQueueDatagrams, c.QueueDatagrams);
    }

    [Fact]
    public void An_anchor_file_gives_its_zone_and_calibration()
    {
        DeviceConfiguration c = Valid(Anchor());
        Assert.Equal(DeviceKind.Anchor, c.Kind);
        Assert.Equal(3, c.Zone);
        Assert.Equal(-59, c.RssiAt1m);
        Assert.Equal(0x1234, c.CompanyId);
        Assert.Equal(ConfigurationKeys.DefaultAnchorAdvertRefreshMs, c.AdvertRefreshMs);
        Assert.Equal(-1, c.LedPin);
    }

    [Fact]
    public void A_receiver_without_a_password_is_on_an_open_network()
    {
        Assert.Equal(string.Empty, Valid(Without(Receiver(), "wifi.password")).WifiPassword);
    }

    [Fact]
    public void Comments_blank_lines_spaces_crlf_case_and_a_byte_order_mark_are_accepted()
    {
        string text = "\uFEFF# written by hand\r\n\r\n  FORMAT = 1 \r\nkind = TAG\r\ndevice=501\r\nexercise=42\r\n   # indented comment\r\n"
            + "key=" + FrameKeyHex.ToUpperInvariant() + "\r\nbutton.pin=39\r\nled.pin=27\r\nled.type=RGB\r\n";
        DeviceConfiguration c = Valid(text);
        Assert.Equal(DeviceKind.Tag, c.Kind);
        Assert.True(c.ButtonPullUp); // default when a button is set
    }

    [Fact]
    public void A_password_keeps_its_equals_signs_and_hashes()
    {
        Assert.Equal("a=b#c=d!x", Valid(Replace(Receiver(), "wifi.password", "a=b#c=d!x")).WifiPassword);
    }

    public static IEnumerable<object?[]> EmptyFiles() => ConfigurationCases.EmptyFiles.Select(text => new object?[] { text });

    [Theory]
    [MemberData(nameof(EmptyFiles))]
    public void An_empty_file_is_an_error(string? text)
    {
        ConfigurationResult r = Invalid(text!);
        Assert.Equal("the configuration file is empty", r.Error);
        Assert.Equal(0, r.Line);
    }

    [Fact]
    public void A_file_of_only_comments_misses_its_format()
    {
        ConfigurationResult r = Invalid("# nothing here\n# at all");
        Assert.Equal("format", r.Key);
        Assert.Contains("'format' is missing", r.Error);
    }

    [Fact]
    public void An_oversized_file_is_refused()
    {
        string text = Badge() + "\n#" + new string('x', ConfigurationKeys.MaxLength);
        Assert.Contains("at most 4096", Invalid(text).Error);
    }

    public static IEnumerable<object[]> RequiredKeys() => ConfigurationCases.RequiredKeys;

    private static string FileOf(string kind) => ConfigurationCases.FileOf(kind);

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void A_missing_required_key_is_named(string kind, string key)
    {
        ConfigurationResult r = Invalid(Without(FileOf(kind), key));
        Assert.Equal(key, r.Key);
        Assert.Equal(0, r.Line);
        Assert.StartsWith("'" + key + "' is missing", r.Error);
    }

    [Fact]
    public void A_missing_led_type_on_a_receiver_with_an_led_pin_is_an_error()
    {
        ConfigurationResult r = Invalid(Without(Receiver(), "led.type"));
        Assert.Equal("led.type", r.Key);
        Assert.Contains("mono or rgb", r.Error);
    }

    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e", "it has 30 digits")]
    [InlineData("000102030405060708090a0b0c0d0e0f00", "it has 34 digits")]
    [InlineData("000102030405060708090a0b0c0d0e0g", "not a hex digit")]
    [InlineData("000102030405060708090a0b0c0d0e0", "not a hex digit")] // odd number of digits
    public void A_bad_key_says_what_is_wrong_without_showing_the_key(string value, string expected)
    {
        string text = Replace(Badge(), "key", value);
        ConfigurationResult r = Invalid(text);
        Assert.Equal("key", r.Key);
        Assert.Equal(LineOf(text, "key"), r.Line);
        Assert.Contains(expected, r.Error);
        Assert.Contains("32 hex digits", r.Error);
        Assert.DoesNotContain(value, r.Error);
    }

    [Fact]
    public void A_bad_receiver_key_is_named()
    {
        ConfigurationResult r = Invalid(Replace(Receiver(), "receiver.key", "12"));
        Assert.Equal("receiver.key", r.Key);
        Assert.Contains("it has 2 digits", r.Error);
    }

    public static IEnumerable<object[]> OutOfRange() => ConfigurationCases.OutOfRange;

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_out_of_range_number_names_its_line_key_and_range(string kind, string key, string value, string range)
    {
        string text = ConfigurationCases.Set(FileOf(kind), key, value);
        ConfigurationResult r = Invalid(text);
        Assert.Equal(key, r.Key);
        Assert.Equal(LineOf(text, key), r.Line);
        Assert.Equal(ConfigurationCases.OutOfRangeError(r.Line, key, value, range), r.Error);
    }

    public static IEnumerable<object[]> MalformedReceiverValues() => ConfigurationCases.MalformedReceiverValues;

    [Theory]
    [MemberData(nameof(MalformedReceiverValues))]
    public void A_malformed_receiver_value_is_explained(string key, string value, string expected)
    {
        string text = ConfigurationCases.Set(FileOf("receiver"), key, value);
        ConfigurationResult r = Invalid(text);
        Assert.Equal(key, r.Key);
        Assert.Contains(expected, r.Error);
        Assert.StartsWith("line " + LineOf(text, key) + ": ", r.Error);
    }

    [Fact]
    public void A_password_error_does_not_show_the_password()
    {
        ConfigurationResult r = Invalid(Replace(Receiver(), "wifi.password", "secret1"));
        Assert.DoesNotContain("secret1", r.Error);
    }

    [Theory]
    [InlineData("role", "sniper", "contact, rtf-officer")]
    [InlineData("locate", "yes", "true or false")]
    [InlineData("button.pullup", "1", "true or false")]
    [InlineData("kind", "watch", "badge, tag, anchor or receiver")]
    public void A_word_that_is_not_one_of_the_choices_is_explained(string key, string value, string expected)
    {
        string text = Replace(Badge(), key, value);
        ConfigurationResult r = Invalid(text);
        Assert.Equal(key, r.Key);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void An_unknown_key_is_an_error_on_its_line()
    {
        string text = Badge() + "\nzome=3";
        ConfigurationResult r = Invalid(text);
        Assert.Equal("line " + text.Split('\n').Length + ": unknown key 'zome'", r.Error);
        Assert.Equal("zome", r.Key);
    }

    [Fact]
    public void A_duplicate_key_names_both_lines()
    {
        string text = Anchor() + "\n# again\nzone=4";
        int first = LineOf(text, "zone");
        ConfigurationResult r = Invalid(text);
        Assert.Equal("line " + text.Split('\n').Length + ": 'zone' is set twice (first on line " + first + ")", r.Error);
    }

    [Fact]
    public void A_key_of_another_kind_of_device_is_an_error()
    {
        string text = Badge() + "\nwifi.ssid=Drill Net";
        ConfigurationResult r = Invalid(text);
        Assert.Equal("wifi.ssid", r.Key);
        Assert.EndsWith("'wifi.ssid' does not apply to a badge", r.Error);
    }

    [Fact]
    public void A_line_without_an_equals_sign_is_shown()
    {
        ConfigurationResult r = Invalid("format=1\nkind badge");
        Assert.Equal("line 2: expected key=value, found 'kind badge'", r.Error);
    }

    [Fact]
    public void A_key_without_a_value_is_an_error()
    {
        ConfigurationResult r = Invalid(Replace(Badge(), "role", ""));
        Assert.EndsWith("'role' has no value", r.Error);
    }

    [Fact]
    public void Another_format_is_refused()
    {
        ConfigurationResult r = Invalid(Replace(Badge(), "format", "2"));
        Assert.Equal("line " + LineOf(Badge(), "format") + ": this firmware reads configuration format 1, not '2'", r.Error);
    }

    [Theory]
    [InlineData("led.type", "mono", "must be rgb")]
    [InlineData("led.type", "none", "must be mono or rgb")]
    public void A_tag_needs_an_rgb_led(string key, string value, string expected)
    {
        Assert.Contains(expected, Invalid(Replace(Tag(), key, value)).Error);
    }

    [Fact]
    public void An_led_type_without_a_pin_is_an_error()
    {
        string text = Without(Receiver(), "led.pin");
        Assert.Contains("'led.pin' names no LED", Invalid(text).Error);
    }

    [Fact]
    public void A_locate_scan_longer_than_its_period_is_an_error()
    {
        string text = Badge() + "\nlocate.every.ms=2000\nlocate.scan.ms=2500";
        Assert.Contains("must be shorter than 'locate.every.ms'", Invalid(text).Error);
    }

    [Fact]
    public void The_first_error_in_the_file_wins()
    {
        string text = "format=1\nkind=badge\nbogus=1\nother=2";
        Assert.Equal("line 3: unknown key 'bogus'", Invalid(text).Error);
    }

    [Fact]
    public void A_failed_file_still_tells_which_led_can_show_the_error()
    {
        ConfigurationResult r = Invalid(Badge() + "\nzone=1");
        Assert.Equal(27, r.ErrorLedPin);
        Assert.Equal(LedType.Rgb, r.ErrorLedType);

        ConfigurationResult noLed = Invalid(Without(Anchor(), "zone"));
        Assert.Equal(-1, noLed.ErrorLedPin);
    }

    [Fact]
    public void A_missing_file_result_explains_how_to_deploy_one()
    {
        ConfigurationResult r = ConfigurationResult.Missing(DeviceStorage.ConfigurationPath);
        Assert.False(r.IsValid);
        Assert.Null(r.Configuration);
        Assert.Contains("I:\\beacons.conf", r.Error);
        Assert.Contains("--filedeployment", r.Error);
    }

    [Fact]
    public void Any_mangled_file_gives_a_whole_configuration_or_an_error_and_never_throws()
    {
        string[] files = { Badge(), Tag(), Anchor(), Receiver() };
        Gen<string> mangled =
            from file in Gen.Elements(files)
            from cut in Gen.Choose(0, file.Length)
            from at in Gen.Choose(0, file.Length - 1)
            from c in Gen.Elements('=', '#', '\n', '\r', ' ', 'x', '0', '9', '-', '.', '\u00e9', '\0')
            from how in Gen.Choose(0, 3)
            select how switch
            {
                0 => file.Substring(0, cut),
                1 => file.Remove(at, 1).Insert(at, c.ToString()),
                2 => file.Insert(at, c.ToString()),
                _ => file.Remove(at, 1),
            };

        Prop.ForAll(mangled.ToArbitrary(), text =>
        {
            ConfigurationResult r = ConfigurationParser.Parse(text);
            if (!r.IsValid)
            {
                return r.Configuration is null && !string.IsNullOrEmpty(r.Error) && !r.Error.Contains('\n');
            }

            DeviceConfiguration c = r.Configuration;
            bool common = r.Error is null && c.Kind != DeviceKind.None && c.DeviceId >= 1;
            return c.Kind switch
            {
                DeviceKind.Receiver => common && c.ReceiverKey is not null && c.WifiSsid is not null && c.GatewayAddress is not null && c.GatewayPort > 0,
                DeviceKind.Anchor => common && c.FrameKey is not null && c.Zone >= 1,
                DeviceKind.Tag => common && c.FrameKey is not null && c.ButtonPin >= 0 && c.LedType == LedType.Rgb,
                _ => common && c.FrameKey is not null && c.Role != OfficerRole.Unknown && c.ButtonPin >= 0,
            };
        }).QuickCheckThrowOnFailure();
    }
}
