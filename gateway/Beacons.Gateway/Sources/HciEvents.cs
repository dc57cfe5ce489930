using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Sources;

/// <summary>One advertising report as a Bluetooth controller gives it to the host.</summary>
/// <param name="Address">The 48-bit device address, most significant byte first as usually written (HCI sends it little-endian).</param>
/// <param name="Rssi">dBm; 127 means the controller did not measure it.</param>
public sealed record HciAdvert(byte EventType, byte AddressType, ulong Address, byte[] Data, sbyte Rssi);

public enum HciParse
{
    /// <summary>An LE Advertising Report event; the reports were added.</summary>
    Adverts,

    /// <summary>A well-formed event of another kind (command complete, connection events...).</summary>
    Ignored,

    /// <summary>Lengths that do not add up, or a report that cannot be one.</summary>
    Malformed,
}

/// <summary>
/// Reads HCI event packets (the bytes after the H4 packet-type byte): the LE Meta event (0x3E) with the
/// LE Advertising Report subevent (0x02) is what a scanning controller sends for each advert heard.
/// Several reports in one event are read one after another (event type, address type, address, data
/// length, data, RSSI), as the Linux kernel reads them; controllers nearly always send one per event.
/// Never throws: the bytes come from hardware or a file and may be anything.
/// </summary>
public static class HciEvents
{
    public const byte H4Command = 0x01;
    public const byte H4Event = 0x04;
    public const byte LeMetaEvent = 0x3E;
    public const byte LeAdvertisingReport = 0x02;
    public const int MaxReports = 25;
    public const int MaxAdvertisingData = 31;

    /// <summary>
    /// <see cref="Parse"/> into a cleared <paramref name="into"/>, counting a packet that holds no advert (ignored or
    /// malformed), as every source of HCI packets counts them: true when it held adverts.
    /// </summary>
    public static bool ParseCounted(ReadOnlySpan<byte> packet, List<HciAdvert> into, IngestCounters counters)
    {
        into.Clear();
        switch (Parse(packet, into))
        {
            case HciParse.Adverts:
                return true;
            case HciParse.Ignored:
                counters.Add(Counter.HciIgnored);
                return false;
            default:
                counters.Add(Counter.HciMalformed);
                return false;
        }
    }

    public static HciParse Parse(ReadOnlySpan<byte> packet, List<HciAdvert> into)
    {
        if (packet.Length < 2 || packet[1] != packet.Length - 2)
        {
            return HciParse.Malformed;
        }

        if (packet[0] != LeMetaEvent)
        {
            return HciParse.Ignored;
        }

        ReadOnlySpan<byte> p = packet[2..];
        if (p.Length < 1)
        {
            return HciParse.Malformed;
        }

        if (p[0] != LeAdvertisingReport)
        {
            return HciParse.Ignored;
        }

        if (p.Length < 2 || p[1] == 0 || p[1] > MaxReports)
        {
            return HciParse.Malformed;
        }

        int count = p[1];
        int pos = 2;
        int added = into.Count;
        for (int i = 0; i < count; i++)
        {
            // event type, address type, address (6), data length: 9 bytes before the data, RSSI after it.
            if (p.Length - pos < 10)
            {
                into.RemoveRange(added, into.Count - added);
                return HciParse.Malformed;
            }

            byte eventType = p[pos];
            byte addressType = p[pos + 1];
            ulong address = 0;
            for (int b = 5; b >= 0; b--)
            {
                address = (address << 8) | p[pos + 2 + b];
            }

            int dataLength = p[pos + 8];
            if (dataLength > MaxAdvertisingData || p.Length - pos - 9 < dataLength + 1)
            {
                into.RemoveRange(added, into.Count - added);
                return HciParse.Malformed;
            }

            byte[] data = p.Slice(pos + 9, dataLength).ToArray();
            sbyte rssi = (sbyte)p[pos + 9 + dataLength];
            into.Add(new HciAdvert(eventType, addressType, address, data, rssi));
            pos += 10 + dataLength;
        }

        if (pos != p.Length)
        {
            into.RemoveRange(added, into.Count - added);
            return HciParse.Malformed;
        }

        return HciParse.Adverts;
    }

    /// <summary>Builds an LE Advertising Report event packet (without the H4 byte): for captures, tests and the simulator.</summary>
    public static byte[] AdvertisingReport(IReadOnlyList<HciAdvert> reports)
    {
        var p = new List<byte> { LeMetaEvent, 0, LeAdvertisingReport, (byte)reports.Count };
        foreach (HciAdvert r in reports)
        {
            p.Add(r.EventType);
            p.Add(r.AddressType);
            for (int b = 0; b < 6; b++)
            {
                p.Add((byte)(r.Address >> (8 * b)));
            }

            p.Add((byte)r.Data.Length);
            p.AddRange(r.Data);
            p.Add((byte)r.Rssi);
        }

        p[1] = (byte)(p.Count - 2);
        return p.ToArray();
    }
}
