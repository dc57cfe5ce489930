using System.CommandLine;
using Beacons.Configuration;
using Beacons.Venue;

namespace Beacons.Provision;

/// <summary>
/// The options that say what to provision, shared by beacons-provision (into a folder) and `beacons provision`
/// (a download): the drill's files, the site's Wi-Fi and gateway address, the boards, locate and the serial port.
/// docs/provisioning.md lists them.
/// </summary>
public sealed class ProvisionOptions
{
    public const string PasswordVariable = "BEACONS_WIFI_PASSWORD";

    public readonly Option<string> Exercise = new("--exercise") { Description = "The exercise file (JSON, docs/venue.md).", Required = true };
    public readonly Option<string> Venue = new("--venue") { Description = "The venue file (JSON, docs/venue.md): anchors and receivers.", Required = true };
    public readonly Option<string?> Ssid = new("--wifi-ssid") { Description = "The site Wi-Fi receivers join." };
    public readonly Option<string?> Password = new("--wifi-password") { Description = $"Its password (or set {PasswordVariable}, which keeps it out of shell history); none for an open network." };
    public readonly Option<string?> Gateway = new("--gateway") { Description = "The gateway laptop's IPv4 address on that Wi-Fi." };
    public readonly Option<int> Port = new("--gateway-port") { Description = "The gateway's UDP port.", DefaultValueFactory = _ => Site.DefaultGatewayPort };
    public readonly Option<string[]> Boards = new("--board")
    {
        Description = "KIND=BOARD, e.g. receiver=devkit-v1 (repeatable). Boards: " + string.Join(", ", Board.All.Select(b => b.Name))
            + ". Defaults: badge and tag atom-lite, anchor and receiver devkitc.",
        AllowMultipleArgumentsPerToken = false,
    };

    public readonly Option<string?> Serial = new("--serial-port") { Description = "The serial port to put in each deployment file (nanoff needs it when deploying files alone)." };
    public readonly Option<bool> Locate = new("--locate") { Description = "Badges locate themselves from the venue's anchors (costs battery: hardware/power.md)." };

    public IEnumerable<Option> All => [Exercise, Venue, Ssid, Password, Gateway, Port, Boards, Serial, Locate];

    public ProvisionRequest Read(ParseResult p) => new(
        p.GetValue(Exercise)!,
        p.GetValue(Venue)!,
        new Site(p.GetValue(Ssid), p.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable) ?? "", p.GetValue(Gateway), p.GetValue(Port)),
        p.GetValue(Boards) ?? [],
        p.GetValue(Serial),
        p.GetValue(Locate));
}

/// <summary>What to provision, as the options gave it.</summary>
public sealed record ProvisionRequest(string ExercisePath, string VenuePath, Site Site, string[] BoardChoices, string? SerialPort, bool Locate)
{
    /// <summary>
    /// Loads and checks the drill's files and makes every device's file. Throws <see cref="ProvisionException"/>
    /// or <see cref="ConfigFileException"/> (every problem of the files).
    /// </summary>
    public ProvisionedDrill Load()
    {
        if (Site.GatewayPort is < 1 or > 65535)
        {
            throw new ProvisionException($"--gateway-port must be from 1 to 65535, not {Site.GatewayPort}");
        }

        Dictionary<DeviceKind, Board> boards = Board.Choose(BoardChoices);
        Beacons.Venue.Venue venue = VenueFile.Load(VenuePath);
        Exercise exercise = ExerciseFile.Load(ExercisePath, venue);
        IReadOnlyList<DeviceFile> files = DeviceFiles.For(exercise, venue, Site, boards, Locate);
        if (files.Count == 0)
        {
            throw new ProvisionException($"{Path.GetFileName(ExercisePath)} and {Path.GetFileName(VenuePath)} name no devices: nothing to write");
        }

        return new ProvisionedDrill(venue, exercise, files);
    }
}

/// <summary>A drill's devices, ready to write into a folder or a download.</summary>
public sealed record ProvisionedDrill(Beacons.Venue.Venue Venue, Exercise Exercise, IReadOnlyList<DeviceFile> Files)
{
    /// <summary>How the flash scripts and the labels name the drill.</summary>
    public string Title => $"exercise {Exercise.ExerciseId} ({Exercise.Name})";

    /// <summary>How many devices of each kind.</summary>
    public string Counts
    {
        get
        {
            int Count(DeviceKind kind) => Files.Count(f => f.Kind == kind);
            return $"{Count(DeviceKind.Badge)} badges, {Count(DeviceKind.Tag)} tags, {Count(DeviceKind.Anchor)} anchors, {Count(DeviceKind.Receiver)} receivers";
        }
    }

    /// <summary>"; N iBeacon anchors need no file", or nothing.</summary>
    public string IBeaconNote => Venue.Anchors.Count(a => a.IBeacon != null) is int commercial and > 0 ? $"; {commercial} iBeacon anchors need no file" : "";
}
