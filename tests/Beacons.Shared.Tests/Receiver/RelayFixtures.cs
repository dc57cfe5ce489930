using Beacons.Protocol;
using Beacons.Receiver;

namespace Beacons.Shared.Tests.Receiver;

/// <summary>Real adverts and a way to read back what a relay sends, with the protocol's own reader.</summary>
internal static class RelayFixtures
{
    public const ushort ExerciseId = RelayCases.ExerciseId;
    public const ushort ReceiverId = RelayCases.ReceiverId;

    public static MacKey FrameKey => RelayCases.FrameKey;
    public static MacKey ReceiverKey => RelayCases.ReceiverKey;

    public static AdvertRelay NewRelay(MemoryCounterStore store, int flushMs = 200, int heartbeatMs = 10_000, int queue = 8, long nowMs = 0) =>
        RelayCases.NewRelay(store, flushMs, heartbeatMs, queue, nowMs);

    /// <summary>A badge advert (flags + manufacturer data), padded with a name AD to <paramref name="length"/> bytes when asked.</summary>
    public static byte[] BadgeAdvert(ushort badge, uint counter, int length = 0) => RelayCases.BadgeAdvert(badge, counter, length);

    public static byte[] IBeaconAdvert()
    {
        byte[] advert = new byte[30];
        advert[0] = 2; advert[1] = 0x01; advert[2] = 0x06;
        advert[3] = 26; advert[4] = 0xFF; advert[5] = 0x4C; advert[6] = 0x00; advert[7] = 0x02; advert[8] = 0x15;
        return advert;
    }

    public static byte[] ForeignAdvert() => new byte[] { 2, 0x01, 0x06, 5, 0xFF, 0x34, 0x12, 0xAA, 0xBB };

    /// <summary>Takes every queued datagram at <paramref name="nowMs"/>, checks it with the protocol's reader, and returns what it carried.</summary>
    public static List<Sent> Drain(AdvertRelay relay, long nowMs)
    {
        var sent = new List<Sent>();
        byte[] buffer = new byte[DatagramLayout.MaxLength];
        int length;
        while ((length = relay.Take(buffer, nowMs)) > 0)
        {
            relay.Delivered(true);
            sent.Add(Read(buffer, length));
        }

        return sent;
    }

    public static Sent Read(byte[] buffer, int length)
    {
        if (length > DatagramLayout.MaxLength)
        {
            throw new InvalidOperationException($"datagram of {length} bytes");
        }

        var datagram = new Datagram();
        DatagramStatus status = DatagramReader.Read(buffer, length, datagram);
        if (status != DatagramStatus.Ok)
        {
            throw new InvalidOperationException($"datagram rejected: {status}");
        }

        if (!DatagramReader.Verify(ReceiverKey, buffer, datagram))
        {
            throw new InvalidOperationException("datagram MAC does not verify");
        }

        var reports = new List<Report>();
        int position = datagram.ReportsOffset;
        var report = new HeardReport();
        for (int i = 0; i < datagram.ReportCount; i++)
        {
            DatagramReader.NextReport(buffer, ref position, report);
            reports.Add(new Report(report.Address, report.Rssi, report.AgeMs, buffer[report.AdvertOffset..(report.AdvertOffset + report.AdvertLength)]));
        }

        return new Sent(datagram.Kind, datagram.Sequence, datagram.UptimeMs, length, reports, datagram.Heard, datagram.Sent, datagram.Dropped, datagram.Reconnects);
    }
}

internal sealed record Report(ulong Address, sbyte Rssi, ushort AgeMs, byte[] Advert);

internal sealed record Sent(DatagramKind Kind, uint Sequence, uint UptimeMs, int Length, List<Report> Reports, uint Heard, uint SentCount, uint Dropped, ushort Reconnects);
