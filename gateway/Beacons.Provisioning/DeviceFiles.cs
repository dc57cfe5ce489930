using System.Text;
using Beacons.Configuration;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Provision;

/// <summary>Where receivers find the gateway: the site's Wi-Fi and the gateway laptop's address.</summary>
public sealed record Site(string? WifiSsid, string WifiPassword, string? GatewayAddress, int GatewayPort)
{
    public const int DefaultGatewayPort = 47800;
}

/// <summary>
/// One device's configuration file, ready to write: what it is, who or where it is, and its text.
/// <see cref="Detail"/> is what its sticker says under the label: a badge's role and agency.
/// </summary>
public sealed record DeviceFile(DeviceKind Kind, int Id, string Label, Board Board, string Text, string Detail = "")
{
    /// <summary>The label on one line, whatever the roster's name held.</summary>
    public string Label { get; } = new(Label.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    public string FileName => $"{ConfigurationWords.KindName(Kind)}-{Id}.conf";

    public string DeploymentFileName => $"{ConfigurationWords.KindName(Kind)}-{Id}.deploy.json";

    /// <summary>The device's name everywhere: its files, the flash scripts, its sticker and the QR code on it ("badge-101").</summary>
    public string Name => $"{ConfigurationWords.KindName(Kind)}-{Id}";
}

/// <summary>
/// Turns an exercise and its venue into every device's configuration file: a badge per officer, a tag
/// per casualty tag, an anchor per venue anchor of ours (commercial iBeacons need none) and a receiver
/// per keyed receiver. Every file is read back through the firmware's own parser before it is
/// returned, so what the tool writes is exactly what a device will accept.
/// </summary>
public static class DeviceFiles
{
    public static IReadOnlyList<DeviceFile> For(Exercise exercise, Venue.Venue venue, Site site, IReadOnlyDictionary<DeviceKind, Board> boards, bool locate)
    {
        var files = new List<DeviceFile>();
        string frameKey = Hex.Format(exercise.Key.ToArray(), 0, exercise.Key.Length);

        foreach (Officer officer in exercise.Officers)
        {
            Board board = boards[DeviceKind.Badge];
            var text = Header(DeviceKind.Badge, officer.Badge, exercise, board, $"{officer.Name}{(officer.Agency.Length > 0 ? ", " + officer.Agency : "")}");
            Line(text, ConfigurationKeys.Key, frameKey);
            Line(text, ConfigurationKeys.Role, WireNames.Of(officer.Role));
            Pins(text, board, button: true);
            if (locate)
            {
                Line(text, ConfigurationKeys.Locate, "true");
            }

            string detail = WireNames.Of(officer.Role) + (officer.Agency.Length > 0 ? ", " + officer.Agency : "");
            files.Add(Checked(new DeviceFile(DeviceKind.Badge, officer.Badge, officer.Name, board, text.ToString(), detail)));
        }

        foreach (CasualtyTag tag in exercise.Tags)
        {
            Board board = boards[DeviceKind.Tag];
            var text = Header(DeviceKind.Tag, tag.Tag, exercise, board, tag.Label);
            Line(text, ConfigurationKeys.Key, frameKey);
            Pins(text, board, button: true);
            files.Add(Checked(new DeviceFile(DeviceKind.Tag, tag.Tag, tag.Label, board, text.ToString())));
        }

        foreach (VenueAnchor anchor in venue.Anchors.Where(a => a.IBeacon == null))
        {
            Board board = boards[DeviceKind.Anchor];
            VenueZone zone = venue.FindZone(anchor.Zone)!;
            var text = Header(DeviceKind.Anchor, anchor.Id, exercise, board, $"zone {zone.Id} ({zone.Name}), floor {anchor.Floor} at [{anchor.Position.X}, {anchor.Position.Y}]");
            Line(text, ConfigurationKeys.Key, frameKey);
            Line(text, ConfigurationKeys.Zone, anchor.Zone.ToString());
            Line(text, ConfigurationKeys.RssiAt1m, anchor.RssiAt1m.ToString());
            Pins(text, board, button: false);
            files.Add(Checked(new DeviceFile(DeviceKind.Anchor, anchor.Id, $"anchor in {zone.Name}", board, text.ToString())));
        }

        if (exercise.Receivers.Count > 0)
        {
            RequireSite(site);
        }

        foreach (ExerciseReceiver receiver in exercise.Receivers)
        {
            Board board = boards[DeviceKind.Receiver];
            VenueReceiver? placed = venue.FindReceiver(receiver.Id);
            string name = placed?.Name ?? $"R{receiver.Id}";
            var text = Header(DeviceKind.Receiver, receiver.Id, exercise, board, placed == null ? name : $"{name}, zone {placed.Zone}");
            Line(text, ConfigurationKeys.WifiSsid, site.WifiSsid!);
            if (site.WifiPassword.Length > 0)
            {
                Line(text, ConfigurationKeys.WifiPassword, site.WifiPassword);
            }

            Line(text, ConfigurationKeys.GatewayAddress, site.GatewayAddress!);
            Line(text, ConfigurationKeys.GatewayPort, site.GatewayPort.ToString());
            Line(text, ConfigurationKeys.ReceiverKey, Hex.Format(receiver.Key.ToArray(), 0, receiver.Key.Length));
            Pins(text, board, button: false);
            files.Add(Checked(new DeviceFile(DeviceKind.Receiver, receiver.Id, name, board, text.ToString())));
        }

        return files;
    }

    private static StringBuilder Header(DeviceKind kind, int id, Exercise exercise, Board board, string who)
    {
        var text = new StringBuilder();
        text.Append("# Beacons ").Append(ConfigurationWords.KindName(kind)).Append(' ').Append(id).Append(": ").Append(Comment(who)).Append('\n');
        text.Append("# exercise ").Append(exercise.ExerciseId).Append(" (").Append(Comment(exercise.Name)).Append("), board ").Append(board.Description).Append('\n');
        text.Append("# written by beacons-provision; keys are secret; docs/configuration.md explains every line\n");
        Line(text, ConfigurationKeys.Format, ConfigurationKeys.CurrentFormat.ToString());
        Line(text, ConfigurationKeys.Kind, ConfigurationWords.KindName(kind));
        Line(text, ConfigurationKeys.Device, id.ToString());
        Line(text, ConfigurationKeys.Exercise, exercise.ExerciseId.ToString());
        if (exercise.CompanyId != FrameLayout.DefaultCompanyId)
        {
            Line(text, ConfigurationKeys.Company, exercise.CompanyId.ToString("X4"));
        }

        Line(text, ConfigurationKeys.Board, board.Name);
        return text;
    }

    private static void Pins(StringBuilder text, Board board, bool button)
    {
        if (button)
        {
            Line(text, ConfigurationKeys.ButtonPin, board.ButtonPin.ToString());
            Line(text, ConfigurationKeys.ButtonPullUp, board.ButtonPullUp ? "true" : "false");
        }

        if (board.LedPin >= 0)
        {
            Line(text, ConfigurationKeys.LedPin, board.LedPin.ToString());
            Line(text, ConfigurationKeys.LedType, ConfigurationWords.LedTypeName(board.LedType));
        }
    }

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');

    // Names come from people: keep them on their comment line whatever they contain.
    private static string Comment(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static void RequireSite(Site site)
    {
        if (string.IsNullOrEmpty(site.WifiSsid))
        {
            throw new ProvisionException("the exercise has receivers: give the site's Wi-Fi with --wifi-ssid");
        }

        if (string.IsNullOrEmpty(site.GatewayAddress))
        {
            throw new ProvisionException("the exercise has receivers: give the gateway laptop's IPv4 address with --gateway");
        }

        foreach ((string option, string value) in new[] { ("--wifi-ssid", site.WifiSsid!), ("--wifi-password", site.WifiPassword) })
        {
            if (value.Any(char.IsControl))
            {
                throw new ProvisionException($"{option}: a line break or control character cannot go in a configuration file");
            }

            if (value.Trim() != value)
            {
                throw new ProvisionException($"{option}: a leading or trailing space cannot go in a configuration file (the device trims values)");
            }
        }
    }

    /// <summary>Reads the file back with the firmware's parser: a file a device would refuse is never written.</summary>
    private static DeviceFile Checked(DeviceFile file)
    {
        ConfigurationResult result = ConfigurationParser.Parse(file.Text);
        if (!result.IsValid)
        {
            // The line number means nothing to whoever runs the tool: the message without it names the key.
            string problem = result.Error!;
            int colon = problem.StartsWith("line ", StringComparison.Ordinal) ? problem.IndexOf(": ", StringComparison.Ordinal) : -1;
            problem = colon > 0 ? problem[(colon + 2)..] : problem;
            throw new ProvisionException($"{ConfigurationWords.KindName(file.Kind)} {file.Id} on board {file.Board.Name}: {problem}");
        }

        return file;
    }
}
