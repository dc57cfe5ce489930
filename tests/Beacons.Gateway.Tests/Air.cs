using Beacons.Protocol;

namespace Beacons.Gateway.Tests;

/// <summary>Real frames and receiver datagrams for the test drill, written by the shared protocol writers.</summary>
public sealed class Air
{
    public readonly ushort ExerciseId;
    public readonly ushort CompanyId;
    public readonly MacKey Key;

    public Air(ushort exerciseId = 42, string key = TestDrill.ExerciseKey, ushort companyId = FrameLayout.DefaultCompanyId)
    {
        ExerciseId = exerciseId;
        CompanyId = companyId;
        Key = MacKey.TryParseHex(key)!;
    }

    public static MacKey ReceiverKey(int id) => MacKey.TryParseHex(TestDrill.ReceiverKey(id))!;

    public byte[] Badge(int id, uint counter, byte zone = 0, bool emergency = false, byte battery = 80, OfficerRole role = OfficerRole.Contact)
    {
        var f = new Frame { Kind = FrameKind.Badge, ExerciseId = ExerciseId, DeviceId = (ushort)id, Counter = counter };
        f.Badge.Role = role;
        f.Badge.Zone = zone;
        f.Badge.Emergency = emergency;
        f.Badge.BatteryPercent = battery;
        return Write(f);
    }

    public byte[] Tag(int id, uint counter, TriageColour colour, bool committed = true, byte changes = 1, ushort secondsSinceChange = 0, byte zone = 0, byte battery = 90)
    {
        var f = new Frame { Kind = FrameKind.Tag, ExerciseId = ExerciseId, DeviceId = (ushort)id, Counter = counter };
        f.Tag.Colour = colour;
        f.Tag.Committed = committed;
        f.Tag.Changes = changes;
        f.Tag.SecondsSinceChange = secondsSinceChange;
        f.Tag.Zone = zone;
        f.Tag.BatteryPercent = battery;
        return Write(f);
    }

    public byte[] Anchor(int id, uint counter, byte zone, sbyte rssiAt1m = -59)
    {
        var f = new Frame { Kind = FrameKind.Anchor, ExerciseId = ExerciseId, DeviceId = (ushort)id, Counter = counter };
        f.Anchor.Zone = zone;
        f.Anchor.RssiAt1m = rssiAt1m;
        return Write(f);
    }

    /// <summary>An iBeacon advert: flags, then Apple's manufacturer data.</summary>
    public static byte[] IBeacon(string uuidHex, ushort major, ushort minor, sbyte power = -59)
    {
        byte[] uuid = Hex.TryParse(uuidHex)!;
        var b = new List<byte> { 2, 0x01, 0x06, 26, 0xFF, 0x4C, 0x00, 0x02, 0x15 };
        b.AddRange(uuid);
        b.AddRange(new[] { (byte)(major >> 8), (byte)major, (byte)(minor >> 8), (byte)minor, (byte)power });
        return b.ToArray();
    }

    /// <summary>A reports datagram from <paramref name="receiver"/> carrying the adverts, each heard at the given RSSI.</summary>
    public static byte[] Datagram(int receiver, uint sequence, params (byte[] Advert, sbyte Rssi)[] reports) =>
        Datagram(receiver, sequence, 42, ReceiverKey(receiver), reports);

    public static byte[] Datagram(int receiver, uint sequence, ushort exerciseId, MacKey key, params (byte[] Advert, sbyte Rssi)[] reports)
    {
        var w = new DatagramWriter();
        w.BeginReports(exerciseId, (ushort)receiver, sequence, sequence * 100);
        ulong address = 0xC0FFEE000000;
        foreach ((byte[] advert, sbyte rssi) in reports)
        {
            if (!w.TryAdd(address++, rssi, 0, advert, 0, advert.Length))
            {
                throw new InvalidOperationException("too many reports for one datagram");
            }
        }

        int length = w.Finish(key);
        return w.Buffer[..length];
    }

    public static byte[] Heartbeat(int receiver, uint sequence, uint heard = 100, uint dropped = 0)
    {
        var w = new DatagramWriter();
        int length = w.WriteHeartbeat(42, (ushort)receiver, sequence, sequence * 100, heard, heard - dropped, dropped, 0, -50, ReceiverKey(receiver));
        return w.Buffer[..length];
    }

    private byte[] Write(Frame f)
    {
        var buffer = new byte[FrameLayout.MaxAdvertisingData];
        int n = FrameWriter.WriteAdvertisement(f, CompanyId, Key, buffer, 0);
        return buffer[..n];
    }
}
