using System.CommandLine;
using Beacons.Configuration;
using Beacons.Venue;

namespace Beacons.Provision;

/// <summary>
/// `beacons-provision`: every device's configuration file for one exercise, from the exercise and
/// venue files the gateway reads. Errors are one line on stderr and a non-zero exit.
/// </summary>
public static class ProvisionCommand
{
    public const string PasswordVariable = "BEACONS_WIFI_PASSWORD";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var exercise = new Option<string>("--exercise") { Description = "The exercise file (JSON, docs/venue.md).", Required = true };
        var venue = new Option<string>("--venue") { Description = "The venue file (JSON, docs/venue.md): anchors and receivers.", Required = true };
        var outFolder = new Option<string>("--out") { Description = "The folder to write the device files into.", Required = true };
        var ssid = new Option<string?>("--wifi-ssid") { Description = "The site Wi-Fi receivers join." };
        var password = new Option<string?>("--wifi-password") { Description = $"Its password (or set {PasswordVariable}, which keeps it out of shell history); none for an open network." };
        var gateway = new Option<string?>("--gateway") { Description = "The gateway laptop's IPv4 address on that Wi-Fi." };
        var port = new Option<int>("--gateway-port")
        {
            Description = "The gateway's UDP port.",
            DefaultValueFactory = _ => Site.DefaultGatewayPort,
        };
        var boards = new Option<string[]>("--board")
        {
            Description = "KIND=BOARD, e.g. receiver=devkit-v1 (repeatable). Boards: " + string.Join(", ", Board.All.Select(b => b.Name))
                + ". Defaults: badge and tag atom-lite, anchor and receiver devkitc.",
            AllowMultipleArgumentsPerToken = false,
        };
        var serial = new Option<string?>("--serial-port") { Description = "The serial port to put in each deployment file (nanoff needs it when deploying files alone)." };
        var locate = new Option<bool>("--locate") { Description = "Badges locate themselves from the venue's anchors (costs battery: hardware/power.md)." };
        var replace = new Option<bool>("--replace") { Description = "Delete the device files already in --out first." };

        var root = new RootCommand("Write every device's configuration file for an exercise, the nanoff deployment that puts it on the device, and flash.ps1 / flash.sh, which flash a box of devices one after another.")
        {
            exercise, venue, outFolder, ssid, password, gateway, port, boards, serial, locate, replace,
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelp(args))
        {
            error.WriteLine($"beacons-provision: {parse.Errors[0].Message}");
            return 2;
        }

        root.SetAction(p =>
        {
            var site = new Site(
                p.GetValue(ssid),
                p.GetValue(password) ?? Environment.GetEnvironmentVariable(PasswordVariable) ?? "",
                p.GetValue(gateway),
                p.GetValue(port));
            return Provision(p.GetValue(exercise)!, p.GetValue(venue)!, p.GetValue(outFolder)!, site,
                p.GetValue(boards) ?? [], p.GetValue(serial), p.GetValue(locate), p.GetValue(replace), output);
        });

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(error, "beacons-provision");
            return 1;
        }
        catch (Exception e) when (e is ProvisionException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"beacons-provision: {e.Message}");
            return 1;
        }
    }

    public static int Provision(string exercisePath, string venuePath, string folder, Site site, string[] boardChoices, string? serialPort, bool locate, bool replace, TextWriter output)
    {
        if (site.GatewayPort is < 1 or > 65535)
        {
            throw new ProvisionException($"--gateway-port must be from 1 to 65535, not {site.GatewayPort}");
        }

        Dictionary<DeviceKind, Board> boards = Boards(boardChoices);
        Venue.Venue place = VenueFile.Load(venuePath);
        Exercise drill = ExerciseFile.Load(exercisePath, place);
        IReadOnlyList<DeviceFile> files = DeviceFiles.For(drill, place, site, boards, locate);
        if (files.Count == 0)
        {
            throw new ProvisionException($"{Path.GetFileName(exercisePath)} and {Path.GetFileName(venuePath)} name no devices: nothing to write");
        }

        Deployment.Write(folder, files, $"exercise {drill.ExerciseId} ({drill.Name})", serialPort, replace);

        int Count(DeviceKind kind) => files.Count(f => f.Kind == kind);
        int commercial = place.Anchors.Count(a => a.IBeacon != null);
        output.WriteLine($"beacons-provision: {Count(DeviceKind.Badge)} badges, {Count(DeviceKind.Tag)} tags, {Count(DeviceKind.Anchor)} anchors, "
            + $"{Count(DeviceKind.Receiver)} receivers written to {folder} ({Deployment.IndexFileName} lists them)"
            + (commercial > 0 ? $"; {commercial} iBeacon anchors need no file" : ""));
        output.WriteLine($"flash them one after another with {Path.Combine(folder, FlashScript.PowerShellFileName)} (PowerShell) or {Path.Combine(folder, FlashScript.BashFileName)} (bash): hardware/README.md");
        return 0;
    }

    private static Dictionary<DeviceKind, Board> Boards(string[] choices)
    {
        var boards = new Dictionary<DeviceKind, Board>();
        foreach (DeviceKind kind in new[] { DeviceKind.Badge, DeviceKind.Tag, DeviceKind.Anchor, DeviceKind.Receiver })
        {
            boards[kind] = Board.DefaultFor(kind);
        }

        foreach (string choice in choices)
        {
            string[] parts = choice.Split('=', 2);
            DeviceKind kind = parts.Length == 2 ? ConfigurationWords.ParseKind(parts[0].Trim().ToLowerInvariant()) : DeviceKind.None;
            if (kind == DeviceKind.None)
            {
                throw new ProvisionException($"--board {choice}: expected KIND=BOARD with KIND one of badge, tag, anchor, receiver");
            }

            boards[kind] = Board.Find(parts[1].Trim())
                ?? throw new ProvisionException($"--board {choice}: unknown board '{parts[1].Trim()}' (known: {string.Join(", ", Board.All.Select(b => b.Name))})");
        }

        return boards;
    }

    private static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?" or "/?");
}
