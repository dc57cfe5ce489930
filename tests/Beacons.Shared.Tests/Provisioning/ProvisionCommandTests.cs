using System.Text.Json;
using Beacons.Configuration;
using Beacons.Protocol;
using Beacons.Provision;

namespace Beacons.Shared.Tests.Provisioning;

/// <summary>beacons-provision end to end: real exercise and venue files in, real device files out, read back by the firmware's parser.</summary>
public sealed class ProvisionCommandTests : IDisposable
{
    private const string FrameKey = "00112233445566778899aabbccddeeff";
    private const string ReceiverOneKey = "0f0e0d0c0b0a09080706050403020100";
    private const string ReceiverTwoKey = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";

    internal const string VenueJson = """
        {
          "name": "Test school",
          "floors": [ { "id": 0, "name": "Ground", "width": 60, "height": 30 } ],
          "zones": [
            { "id": 1, "name": "East corridor", "floor": 0, "outline": [[0,0],[10,0],[10,5],[0,5]] },
            { "id": 2, "name": "Library", "floor": 0, "outline": [[10,0],[30,0],[30,20],[10,20]], "status": "warm" },
            { "id": 9, "name": "Car park", "floor": 0, "outline": [[40,0],[60,0],[60,30],[40,30]], "status": "cold", "ccp": true, "outside": true }
          ],
          "receivers": [
            { "id": 1, "name": "R1 corridor", "zone": 1, "position": [5, 2.5] },
            { "id": 2, "name": "R2 library", "zone": 2, "position": [20, 10] }
          ],
          "anchors": [
            { "id": 7, "zone": 2, "position": [15, 5], "rssiAt1m": -62 },
            { "id": 8, "zone": 1, "position": [2, 2], "ibeacon": { "uuid": "e2c56db5-dffb-48d2-b060-d0f5a71096e0", "major": 1, "minor": 7 } }
          ]
        }
        """;

    internal static string ExerciseJson(string officersExtra = "") => $$"""
        {
          "exerciseId": 42, "name": "Spring drill", "companyId": "FFFF",
          "key": "{{FrameKey}}",
          "receivers": [ { "id": 1, "key": "{{ReceiverOneKey}}" }, { "id": 2, "key": "{{ReceiverTwoKey}}" } ],
          "officers": [
            { "badge": 101, "name": "Sgt. A. Ruiz", "agency": "Metro PD", "role": "contact" },
            { "badge": 102, "name": "Medic \"Doc\" Lee,\nRTF 2", "agency": "County EMS", "role": "rtf-medic" }{{officersExtra}}
          ],
          "tags": [ { "tag": 501, "label": "Casualty 1" }, { "tag": 502 } ]
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("beacons-provision-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public ProvisionCommandTests()
    {
        File.WriteAllText(Path.Combine(_dir, "venue.json"), VenueJson);
        File.WriteAllText(Path.Combine(_dir, "exercise.json"), ExerciseJson());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string OutFolder => Path.Combine(_dir, "devices");

    private int Run(params string[] extra) => RunWithPassword("correct horse battery", extra);

    private int RunWithPassword(string password, params string[] extra)
    {
        string[] args =
        [
            "--exercise", Path.Combine(_dir, "exercise.json"),
            "--venue", Path.Combine(_dir, "venue.json"),
            "--out", OutFolder,
            "--wifi-ssid", "Drill Net",
            "--wifi-password", password,
            "--gateway", "192.168.4.10",
            .. extra,
        ];
        return ProvisionCommand.Run(args, _out, _err);
    }

    private DeviceConfiguration Read(string fileName)
    {
        ConfigurationResult result = ConfigurationParser.Parse(File.ReadAllText(Path.Combine(OutFolder, fileName)));
        Assert.True(result.IsValid, result.Error);
        return result.Configuration;
    }

    private void AssertOneLineError(int exitCode, string expected)
    {
        Assert.NotEqual(0, exitCode);
        string message = _err.ToString().TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("beacons-provision: ", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public void Every_device_of_the_exercise_gets_a_file_its_firmware_accepts()
    {
        Assert.Equal(0, Run());
        Assert.Equal("", _err.ToString());
        Assert.Contains("2 badges, 2 tags, 1 anchors, 2 receivers", _out.ToString());
        Assert.Contains("1 iBeacon anchors need no file", _out.ToString());

        string[] expected =
        [
            "badge-101.conf", "badge-102.conf", "tag-501.conf", "tag-502.conf", "anchor-7.conf", "receiver-1.conf", "receiver-2.conf",
        ];
        Assert.Equal(expected.Order(), Directory.GetFiles(OutFolder, "*.conf").Select(Path.GetFileName).Order());

        MacKey frameKey = MacKey.TryParseHex(FrameKey)!;
        DeviceConfiguration ruiz = Read("badge-101.conf");
        Assert.Equal(DeviceKind.Badge, ruiz.Kind);
        Assert.Equal(101, ruiz.DeviceId);
        Assert.Equal(42, ruiz.ExerciseId);
        Assert.Equal(OfficerRole.Contact, ruiz.Role);
        Assert.Equal((frameKey.K0, frameKey.K1), (ruiz.FrameKey.K0, ruiz.FrameKey.K1));
        Assert.Equal((39, false, 27, LedType.Rgb), (ruiz.ButtonPin, ruiz.ButtonPullUp, ruiz.LedPin, ruiz.LedType));
        Assert.False(ruiz.Locate);
        Assert.Equal(OfficerRole.RtfMedic, Read("badge-102.conf").Role);

        DeviceConfiguration tag = Read("tag-502.conf");
        Assert.Equal((DeviceKind.Tag, (ushort)502, LedType.Rgb), (tag.Kind, tag.DeviceId, tag.LedType));

        DeviceConfiguration anchor = Read("anchor-7.conf");
        Assert.Equal((DeviceKind.Anchor, (byte)2, (sbyte)-62), (anchor.Kind, anchor.Zone, anchor.RssiAt1m));
        Assert.Equal(-1, anchor.LedPin); // devkitc has no user LED

        DeviceConfiguration r2 = Read("receiver-2.conf");
        Assert.Equal(DeviceKind.Receiver, r2.Kind);
        Assert.Equal("Drill Net", r2.WifiSsid);
        Assert.Equal("correct horse battery", r2.WifiPassword);
        Assert.Equal("192.168.4.10", r2.GatewayAddress);
        Assert.Equal(Site.DefaultGatewayPort, r2.GatewayPort);
        Assert.Equal(MacKey.TryParseHex(ReceiverTwoKey)!.K0, r2.ReceiverKey.K0);
        Assert.Null(r2.FrameKey);
    }

    [Fact]
    public void A_name_with_a_line_break_stays_in_its_comment()
    {
        Assert.Equal(0, Run());
        string text = File.ReadAllText(Path.Combine(OutFolder, "badge-102.conf"));
        Assert.Contains("# Beacons badge 102: Medic \"Doc\" Lee, RTF 2, County EMS", text);
        Assert.DoesNotContain("\r", text);
        Assert.False(text.StartsWith('\uFEFF'), "no byte-order mark");
    }

    [Fact]
    public void Each_device_gets_a_nanoff_deployment_of_its_file_to_the_internal_storage()
    {
        Assert.Equal(0, Run("--serial-port", "COM7"));
        foreach (string conf in Directory.GetFiles(OutFolder, "*.conf"))
        {
            string deployment = Path.ChangeExtension(conf, null) + ".deploy.json";
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(deployment));
            Assert.Equal("COM7", json.RootElement.GetProperty("SerialPort").GetString());
            JsonElement file = Assert.Single(json.RootElement.GetProperty("Files").EnumerateArray());
            Assert.Equal("I:\\beacons.conf", file.GetProperty("DestinationFilePath").GetString());
            string source = file.GetProperty("SourceFilePath").GetString()!;
            Assert.True(Path.IsPathFullyQualified(source), source);
            Assert.Equal(File.ReadAllText(conf), File.ReadAllText(source));
        }
    }

    [Fact]
    public void Without_a_serial_port_the_deployment_leaves_it_to_the_command_line()
    {
        Assert.Equal(0, Run());
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutFolder, "tag-501.deploy.json")));
        Assert.False(json.RootElement.TryGetProperty("SerialPort", out _));
    }

    [Fact]
    public void The_index_lists_every_device_for_labelling()
    {
        Assert.Equal(0, Run());
        string[] lines = File.ReadAllLines(Path.Combine(OutFolder, "devices.csv"));
        Assert.Equal("kind,id,label,board,configuration,deployment", lines[0]);
        Assert.Contains("badge,101,Sgt. A. Ruiz,atom-lite,badge-101.conf,badge-101.deploy.json", lines);
        Assert.Contains("receiver,2,R2 library,devkitc,receiver-2.conf,receiver-2.deploy.json", lines);
        Assert.Contains("tag,502,Tag 502,atom-lite,tag-502.conf,tag-502.deploy.json", lines);
        Assert.Contains("badge,102,\"Medic \"\"Doc\"\" Lee, RTF 2\",atom-lite,badge-102.conf,badge-102.deploy.json", lines);
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public void Boards_and_self_location_can_be_chosen()
    {
        Assert.Equal(0, Run("--board", "receiver=devkit-v1", "--board", "badge=c3-devkitm", "--locate"));
        DeviceConfiguration receiver = Read("receiver-1.conf");
        Assert.Equal((2, LedType.Mono), (receiver.LedPin, receiver.LedType));
        DeviceConfiguration badge = Read("badge-101.conf");
        Assert.Equal((9, true, 8), (badge.ButtonPin, badge.ButtonPullUp, badge.LedPin));
        Assert.True(badge.Locate);
    }

    [Fact]
    public void The_password_can_come_from_the_environment()
    {
        Environment.SetEnvironmentVariable(ProvisionCommand.PasswordVariable, "from the environment");
        try
        {
            string[] args = ["--exercise", Path.Combine(_dir, "exercise.json"), "--venue", Path.Combine(_dir, "venue.json"),
                "--out", OutFolder, "--wifi-ssid", "Drill Net", "--gateway", "192.168.4.10"];
            Assert.Equal(0, ProvisionCommand.Run(args, _out, _err));
            Assert.Equal("from the environment", Read("receiver-1.conf").WifiPassword);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ProvisionCommand.PasswordVariable, null);
        }
    }

    [Fact]
    public void Receivers_without_a_wifi_network_are_an_error()
    {
        string[] args = ["--exercise", Path.Combine(_dir, "exercise.json"), "--venue", Path.Combine(_dir, "venue.json"), "--out", OutFolder];
        AssertOneLineError(ProvisionCommand.Run(args, _out, _err), "give the site's Wi-Fi with --wifi-ssid");
        Assert.False(Directory.Exists(OutFolder), "nothing is written when anything is wrong");
    }

    [Fact]
    public void A_bad_gateway_address_is_caught_by_the_firmware_parser_before_anything_is_written()
    {
        string[] args = ["--exercise", Path.Combine(_dir, "exercise.json"), "--venue", Path.Combine(_dir, "venue.json"),
            "--out", OutFolder, "--wifi-ssid", "Drill Net", "--gateway", "gateway.local"];
        AssertOneLineError(ProvisionCommand.Run(args, _out, _err), "receiver 1 on board devkitc: 'gateway.address' must be an IPv4 address");
        Assert.False(Directory.Exists(OutFolder));
    }

    [Theory]
    [InlineData("short", "'wifi.password' must be 8 to 64 characters")]
    [InlineData(" padded password", "--wifi-password: a leading or trailing space")]
    public void A_password_a_device_could_not_use_is_refused(string password, string expected)
    {
        AssertOneLineError(RunWithPassword(password), expected);
    }

    [Fact]
    public void A_tag_on_a_board_without_an_rgb_led_is_refused()
    {
        AssertOneLineError(Run("--board", "tag=devkitc"), "tag 501 on board devkitc: ");
    }

    [Theory]
    [InlineData("tag=nano33", "unknown board 'nano33'")]
    [InlineData("watch=atom-lite", "expected KIND=BOARD")]
    [InlineData("atom-lite", "expected KIND=BOARD")]
    public void A_bad_board_choice_is_explained(string choice, string expected)
    {
        AssertOneLineError(Run("--board", choice), expected);
    }

    [Fact]
    public void A_broken_exercise_file_names_the_file_and_the_field()
    {
        File.WriteAllText(Path.Combine(_dir, "exercise.json"), ExerciseJson(""", { "badge": 103, "name": "X", "role": "sniper" }"""));
        AssertOneLineError(Run(), "exercise.json: $.officers[2].role: unknown role \"sniper\"");
    }

    [Fact]
    public void A_missing_venue_file_is_one_line()
    {
        File.Delete(Path.Combine(_dir, "venue.json"));
        AssertOneLineError(Run(), "cannot read the file: no such file");
    }

    [Fact]
    public void A_missing_option_is_one_line()
    {
        AssertOneLineError(ProvisionCommand.Run(["--venue", "v.json", "--out", "x"], _out, _err), "--exercise");
    }

    [Fact]
    public void An_output_folder_with_device_files_is_not_silently_mixed()
    {
        Assert.Equal(0, Run());
        File.WriteAllText(Path.Combine(OutFolder, "badge-999.conf"), "format=1");

        AssertOneLineError(Run(), "add --replace");

        Assert.Equal(0, Run("--replace"));
        Assert.False(File.Exists(Path.Combine(OutFolder, "badge-999.conf")), "a device no longer on the roster keeps no file");
        Assert.True(File.Exists(Path.Combine(OutFolder, "badge-101.conf")));
    }
}
