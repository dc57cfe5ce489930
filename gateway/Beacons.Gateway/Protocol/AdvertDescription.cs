using Beacons.Protocol;

namespace Beacons.Gateway.Protocol;

/// <summary>A person-readable account of raw advertising bytes: every field of ours, an iBeacon's, or a foreign advert's AD structures.</summary>
public sealed record AdvertDescription(IReadOnlyList<string> Lines, bool IsProblem)
{
    public static AdvertDescription Of(byte[] advert, ushort companyId, MacKey? key)
    {
        var frame = new Frame();
        var iBeacon = new IBeacon();
        DecodeStatus status = AdvertDecoder.Decode(advert, 0, advert.Length, companyId, frame, iBeacon);
        var lines = new List<string>();
        bool problem = false;
        switch (status)
        {
            case DecodeStatus.Ours:
                DescribeFrame(frame, companyId, lines);
                if (key == null)
                {
                    lines.Add(Field("mac", $"{OnAir(frame.Mac)} (not checked: give --key)"));
                }
                else if (FrameMac.Verify(key, advert, frame))
                {
                    lines.Add(Field("mac", $"{OnAir(frame.Mac)} verifies under the given key"));
                }
                else
                {
                    lines.Add(Field("mac", $"{OnAir(frame.Mac)} does NOT verify under the given key (forged, corrupted, or another exercise's key)"));
                    problem = true;
                }

                break;
            case DecodeStatus.IBeacon:
                lines.Add("iBeacon (Apple company ID 0x004C)");
                lines.Add(Field("uuid", FormatUuid(iBeacon.Uuid)));
                lines.Add(Field("major", $"{iBeacon.Major}"));
                lines.Add(Field("minor", $"{iBeacon.Minor}"));
                lines.Add(Field("power at 1m", $"{iBeacon.MeasuredPower} dBm"));
                break;
            case DecodeStatus.Foreign:
                lines.Add("foreign: not one of ours, not an iBeacon");
                DescribeStructures(advert, lines);
                break;
            default:
                lines.Add($"not decodable: {Why(status)}");
                problem = true;
                break;
        }

        return new AdvertDescription(lines, problem);
    }

    /// <summary>Why a decode failed, in words; the gateway's rejection counters use the same text.</summary>
    public static string Why(DecodeStatus status) => status switch
    {
        DecodeStatus.Empty => "empty (no AD structures)",
        DecodeStatus.Oversized => $"oversized (more than the {FrameLayout.MaxAdvertisingData} bytes of a legacy advert)",
        DecodeStatus.Truncated => "truncated (an AD structure's length runs past the end)",
        DecodeStatus.UnsupportedVersion => "our company ID, but an unsupported protocol version",
        DecodeStatus.UnknownKind => "our company ID, but an unknown frame kind",
        DecodeStatus.BadLength => "our frame kind, but the wrong length for it",
        DecodeStatus.BadField => "our frame, with a field out of range",
        DecodeStatus.BadArguments => "no bytes to decode",
        _ => status.ToString(),
    };

    private static void DescribeFrame(Frame frame, ushort companyId, List<string> lines)
    {
        lines.Add($"ours: {frame.Kind.ToString().ToLowerInvariant()} frame, protocol v{FrameLayout.Version}, company 0x{companyId:X4}");
        lines.Add(Field("exercise", $"{frame.ExerciseId}"));
        lines.Add(Field("device", $"{frame.DeviceId}"));
        lines.Add(Field("counter", $"{frame.Counter}"));
        switch (frame.Kind)
        {
            case FrameKind.Badge:
                lines.Add(Field("role", $"{frame.Badge.Role}"));
                lines.Add(Field("zone", ZoneText(frame.Badge.Zone)));
                lines.Add(Field("emergency", frame.Badge.Emergency ? "YES" : "no"));
                lines.Add(Field("battery", BatteryText(frame.Badge.BatteryPercent)));
                break;
            case FrameKind.Tag:
                lines.Add(Field("colour", $"{frame.Tag.Colour} ({(frame.Tag.Committed ? "committed" : "not committed")})"));
                lines.Add(Field("changes", $"{frame.Tag.Changes}"));
                lines.Add(Field("since change", $"{frame.Tag.SecondsSinceChange} s{(frame.Tag.SecondsSinceChange == ushort.MaxValue ? " or more" : "")}"));
                lines.Add(Field("zone", ZoneText(frame.Tag.Zone)));
                lines.Add(Field("battery", BatteryText(frame.Tag.BatteryPercent)));
                break;
            case FrameKind.Anchor:
                lines.Add(Field("zone", $"{frame.Anchor.Zone}"));
                lines.Add(Field("rssi at 1m", $"{frame.Anchor.RssiAt1m} dBm"));
                break;
        }
    }

    private static void DescribeStructures(byte[] advert, List<string> lines)
    {
        int pos = 0;
        while (pos < advert.Length && advert[pos] != 0)
        {
            int length = advert[pos];
            int type = advert[pos + 1];
            string detail = type == FrameLayout.AdTypeManufacturerData && length >= 3
                ? $"manufacturer data, company 0x{advert[pos + 2] | (advert[pos + 3] << 8):X4}"
                : AdTypeName(type);
            lines.Add(Field($"AD 0x{type:X2}", $"{detail}, {length - 1} bytes"));
            pos += 1 + length;
        }
    }

    private static string AdTypeName(int type) => type switch
    {
        0x01 => "flags",
        0x02 or 0x03 => "16-bit service UUIDs",
        0x06 or 0x07 => "128-bit service UUIDs",
        0x08 or 0x09 => "local name",
        0x0A => "TX power",
        0x16 => "service data (16-bit UUID)",
        0x19 => "appearance",
        _ => "AD type",
    };

    private static string Field(string name, string value) => $"  {name,-12} {value}";

    /// <summary>The MAC as its bytes stand on the air (little-endian), so it matches the hex a person pasted.</summary>
    private static string OnAir(uint mac) => $"{System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(mac):x8}";

    private static string ZoneText(byte zone) => zone == Zone.None ? "none (not self-located)" : zone.ToString();

    private static string BatteryText(byte battery) => battery == FrameLayout.BatteryUnknown ? "unknown" : $"{battery}%";

    private static string FormatUuid(byte[] u)
    {
        string h = Hex.Format(u, 0, u.Length);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }
}
