using System.Diagnostics;
using System.Text;
using Beacons.Provision;

namespace Beacons.Shared.Tests.Provisioning;

/// <summary>
/// The flash scripts beacons-provision writes. flash.sh runs here against a fake nanoff that records
/// every call, so the tests see what a controller's box of boards would get, board by board; flash.ps1
/// (no PowerShell on this machine) is checked as text for the same commands.
/// </summary>
public sealed class FlashScriptTests : IDisposable
{
    // The first device's owner tries to break out of the scripts' quoting.
    private const string Trickster = """, { "badge": 103, "name": "O'Neil $(touch pwned) `touch pwned` ‘x’", "role": "contact" }""";

    private static readonly string[] Order = ["badge-101", "badge-102", "badge-103", "tag-501", "tag-502", "anchor-7", "receiver-1", "receiver-2"];

    private readonly string _dir = Directory.CreateTempSubdirectory("beacons-flash-").FullName;

    public FlashScriptTests()
    {
        File.WriteAllText(Path.Combine(_dir, "venue.json"), ProvisionCommandTests.VenueJson);
        File.WriteAllText(Path.Combine(_dir, "exercise.json"), ProvisionCommandTests.ExerciseJson(Trickster));
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        File.WriteAllText(Path.Combine(_dir, "bin", "nanoff"), """
            #!/usr/bin/env bash
            # A stand-in for nanoff: records its arguments, one call per line, and fails the call NANOFF_FAIL_CALL asks for.
            printf '%s|' "$@" >> "$NANOFF_LOG"
            echo >> "$NANOFF_LOG"
            [ "$(wc -l < "$NANOFF_LOG")" != "${NANOFF_FAIL_CALL:-0}" ] || exit 3
            """.Replace("\r\n", "\n") + "\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A space in the path proves the scripts quote it.
    private string OutFolder => Path.Combine(_dir, "drill devices");

    private string Apps => Path.Combine(OutFolder, FlashScript.AppsFolder);

    private void Provision(params string[] extra)
    {
        var error = new StringWriter();
        int exit = ProvisionCommand.Run(
        [
            "--exercise", Path.Combine(_dir, "exercise.json"), "--venue", Path.Combine(_dir, "venue.json"), "--out", OutFolder,
            "--wifi-ssid", "Drill Net", "--wifi-password", "correct horse battery", "--gateway", "192.168.4.10", .. extra,
        ], new StringWriter(), error);
        Assert.True(exit == 0, error.ToString());
        Directory.CreateDirectory(Apps);
        foreach (string app in new[] { "Badge", "Tag", "Anchor", "Receiver" })
        {
            File.WriteAllText(Path.Combine(Apps, $"Beacons.{app}.App.bin"), "app");
        }
    }

    /// <summary>Runs flash.sh with <paramref name="input"/> as what the controller types; returns its exit code, its output and nanoff's calls.</summary>
    private (int Exit, string Output, string[][] Calls) FlashSh(string input, int failCall = 0, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        start.ArgumentList.Add(Path.Combine(OutFolder, FlashScript.BashFileName));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        string log = Path.Combine(_dir, "nanoff.log");
        File.Delete(log);
        start.Environment["PATH"] = Path.Combine(_dir, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["NANOFF_LOG"] = log;
        start.Environment["NANOFF_FAIL_CALL"] = failCall.ToString();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_dir, "bin", "nanoff"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using Process bash = Process.Start(start)!;
        try
        {
            bash.StandardInput.Write(input);
            bash.StandardInput.Close();
        }
        catch (IOException)
        {
            // A script that refuses at once may exit before it reads what the controller types (a broken pipe, which
            // failed CI once); its exit code and output below still say what it did.
        }
        Task<string> error = bash.StandardError.ReadToEndAsync();
        string output = bash.StandardOutput.ReadToEnd();
        Assert.True(bash.WaitForExit(60_000), "flash.sh did not finish");
        string[][] calls = File.Exists(log)
            ? File.ReadAllLines(log).Select(line => line.TrimEnd('|').Split('|')).ToArray()
            : [];
        return (bash.ExitCode, output + error.Result, calls);
    }

    private string[] Full(string device, string port, string image, string app) =>
    [
        "--target", image, "--serialport", port, "--update", "--deploy", "--image", Path.Combine(Apps, app),
        "--filedeployment", Path.Combine(OutFolder, device + ".deploy.json"),
    ];

    private static string AppOf(string device) => device.Split('-')[0] switch
    {
        "badge" => "Beacons.Badge.App.bin",
        "tag" => "Beacons.Tag.App.bin",
        "anchor" => "Beacons.Anchor.App.bin",
        _ => "Beacons.Receiver.App.bin",
    };

    [Fact]
    public void Flash_sh_flashes_image_app_and_configuration_of_every_device_in_the_order_of_the_index()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // bash is the Linux controllers' script; flash.ps1 is checked below
        }

        Provision();
        (int exit, string output, string[][] calls) = FlashSh(string.Concat(Enumerable.Repeat("\n", Order.Length)), 0, "--port", "/dev/ttyUSB0");

        Assert.True(exit == 0, output);
        Assert.Equal(Order.Length, calls.Length);
        for (int i = 0; i < Order.Length; i++)
        {
            Assert.Equal(Full(Order[i], "/dev/ttyUSB0", "ESP32_BLE_REV0", AppOf(Order[i])), calls[i]);
        }

        Assert.Contains("flashed 8: badge-101 badge-102 badge-103 tag-501 tag-502 anchor-7 receiver-1 receiver-2", output);
        Assert.Contains("O'Neil $(touch pwned) `touch pwned` ‘x’", output);
        Assert.False(File.Exists(Path.Combine(_dir, "pwned")), "a name ran as a command");
    }

    [Fact]
    public void Flash_sh_waits_for_the_next_board_before_each_device()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Provision();

        // Two boards plugged in and confirmed, then the controller stops (end of input).
        (int exit, string output, string[][] calls) = FlashSh("\n\n", 0, "--port", "COM5");

        Assert.Equal(1, exit);
        Assert.Equal([Full("badge-101", "COM5", "ESP32_BLE_REV0", AppOf("badge-101")), Full("badge-102", "COM5", "ESP32_BLE_REV0", AppOf("badge-102"))], calls);
        Assert.Contains("[3/8] badge-103", output);
        Assert.DoesNotContain("[4/8]", output);
        Assert.Contains("flashed 2: badge-101 badge-102", output);
    }

    [Fact]
    public void A_board_that_fails_is_tried_again_skipped_or_given_another_port_by_the_controller()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Provision();

        // badge-101 fails once and is retried; badge-102 is skipped; badge-103 goes on a port typed in; then stop.
        (int exit, string output, string[][] calls) = FlashSh("\n\ns\nCOM9\n", 1, "--port", "COM5");

        Assert.Equal(1, exit);
        Assert.Equal(
            [
                Full("badge-101", "COM5", "ESP32_BLE_REV0", AppOf("badge-101")),
                Full("badge-101", "COM5", "ESP32_BLE_REV0", AppOf("badge-101")),
                Full("badge-103", "COM9", "ESP32_BLE_REV0", AppOf("badge-103")),
            ],
            calls);
        Assert.Contains("nanoff failed with exit code 3", output);
        Assert.Contains("flashed 2: badge-101 badge-103", output);
        Assert.Contains("skipped 1: badge-102", output);
    }

    [Fact]
    public void Boards_that_have_the_image_or_the_app_already_get_less()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Provision("--board", "tag=c3-devkitm");
        (_, _, string[][] appOnly) = FlashSh("\n", 0, "--port", "COM5", "--app-only", "--only", "tag-502", "--baud", "115200");
        Assert.Equal(
            [["--target", "ESP32_C3", "--serialport", "COM5", "--deploy", "--image", Path.Combine(Apps, "Beacons.Tag.App.bin"),
              "--baud", "115200", "--filedeployment", Path.Combine(OutFolder, "tag-502.deploy.json")]],
            appOnly);

        (_, _, string[][] configOnly) = FlashSh("\n", 0, "--port", "COM5", "--config-only", "--only", "receiver-2");
        Assert.Equal([["--serialport", "COM5", "--filedeployment", Path.Combine(OutFolder, "receiver-2.deploy.json")]], configOnly);
    }

    [Fact]
    public void Flash_sh_refuses_to_start_without_the_application_images()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Provision();
        File.Delete(Path.Combine(Apps, "Beacons.Anchor.App.bin"));
        (int exit, string output, string[][] calls) = FlashSh("\n", 0, "--port", "COM5");

        Assert.Equal(1, exit);
        Assert.Contains("Beacons.Anchor.App.bin is missing", output);
        Assert.Empty(calls);
    }

    [Fact]
    public void Flash_ps1_has_the_same_devices_images_and_apps_in_the_same_order()
    {
        Provision("--board", "receiver=c3-devkitm", "--serial-port", "COM7");
        byte[] bytes = File.ReadAllBytes(Path.Combine(OutFolder, FlashScript.PowerShellFileName));
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]); // Windows PowerShell 5.1 needs it for non-ASCII names
        string text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));

        string[] rows = text.Split("\r\n").Where(l => l.TrimStart().StartsWith("[pscustomobject]", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Order.Length, rows.Length);
        for (int i = 0; i < Order.Length; i++)
        {
            string[] parts = Order[i].Split('-');
            string image = parts[0] == "receiver" ? "ESP32_C3" : "ESP32_BLE_REV0";
            Assert.Contains($"Kind = '{parts[0]}'; Id = {parts[1]};", rows[i]);
            Assert.Contains($"Image = '{image}'; App = '{AppOf(Order[i])}';", rows[i]);
        }

        Assert.Contains("Label = 'O''Neil $(touch pwned) `touch pwned` ‘‘x’’'", rows[2]);
        Assert.Contains("[string]$Port = 'COM7'", text);

        // One prompt, then one nanoff call, per device; the full call flashes image, app and configuration.
        int prompt = text.IndexOf("Read-Host", StringComparison.Ordinal);
        int call = text.IndexOf("& nanoff @arguments", StringComparison.Ordinal);
        Assert.True(prompt > 0 && call > prompt);
        Assert.Equal(call, text.LastIndexOf("& nanoff", StringComparison.Ordinal));
        Assert.Contains("@('--target', $d.Image, '--serialport', $Port, '--update', '--deploy', '--image', (Join-Path $Apps $d.App))", text);
        Assert.Contains("$arguments += @('--filedeployment', (Join-Path $PSScriptRoot \"$name.deploy.json\"))", text);
    }
}
