using Beacons.Protocol;
using FsCheck;
using FsCheck.Fluent;

namespace Beacons.Shared.Tests.Protocol;

public class DatagramTests
{
    private static readonly MacKey ReceiverKey = new(Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray());

    [Fact]
    public void ReportsRoundTripAndVerify()
    {
        var writer = new DatagramWriter();
        writer.BeginReports(exerciseId: 42, receiverId: 3, sequence: 77, uptimeMs: 123456);
        byte[] badge = Frames.Advertise(Frames.Badge());
        byte[] tag = Frames.Advertise(Frames.Tag());
        Assert.True(writer.TryAdd(0xA4CF12345678, -67, 120, badge, 0, badge.Length));
        Assert.True(writer.TryAdd(0xA4CF12000001, -80, 5, tag, 0, tag.Length));
        int length = writer.Finish(ReceiverKey);

        var datagram = new Datagram();
        Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(writer.Buffer, length, datagram));
        Assert.True(DatagramReader.Verify(ReceiverKey, writer.Buffer, datagram));
        Assert.Equal((DatagramKind.Reports, 42, 3, 77u, 123456u, 2), (datagram.Kind, (int)datagram.ExerciseId, (int)datagram.ReceiverId, datagram.Sequence, datagram.UptimeMs, datagram.ReportCount));

        int position = datagram.ReportsOffset;
        var report = new HeardReport();
        DatagramReader.NextReport(writer.Buffer, ref position, report);
        Assert.Equal((0xA4CF12345678UL, (sbyte)-67, (ushort)120), (report.Address, report.Rssi, report.AgeMs));
        Assert.Equal(badge, writer.Buffer[report.AdvertOffset..(report.AdvertOffset + report.AdvertLength)]);
        DatagramReader.NextReport(writer.Buffer, ref position, report);
        Assert.Equal(tag, writer.Buffer[report.AdvertOffset..(report.AdvertOffset + report.AdvertLength)]);
        Assert.Equal(datagram.SignedLength, position);
    }

    [Fact]
    public void WritesTheSpecifiedExampleBytes()
    {
        // docs/protocol.md section 7: the badge example heard by receiver 3, and a heartbeat.
        var writer = new DatagramWriter();
        writer.BeginReports(42, 3, 77, 123456);
        byte[] badge = Frames.Advertise(Frames.Badge());
        writer.TryAdd(0xA4CF12345678, -67, 120, badge, 0, badge.Length);
        int length = writer.Finish(ReceiverKey);
        Assert.Equal(
            "112a0003004d00000040e20100" + "01" + "a4cf12345678" + "bd" + "7800" + "18" + Convert.ToHexStringLower(badge) + "1c07506f10744490",
            Convert.ToHexStringLower(writer.Buffer, 0, length));

        int heartbeat = writer.WriteHeartbeat(42, 3, 78, 124000, 5000, 4990, 10, 2, -61, ReceiverKey);
        Assert.Equal("122a0003004e00000060e40100" + "88130000" + "7e130000" + "0a000000" + "0200" + "c3" + "6c69f1d6141c279f", Convert.ToHexStringLower(writer.Buffer, 0, heartbeat));
    }

    [Fact]
    public void NeverGrowsPastTheLimitAndSaysWhenFull()
    {
        var writer = new DatagramWriter();
        writer.BeginReports(1, 1, 1, 0);
        byte[] advert = new byte[31];
        int added = 0;
        while (writer.TryAdd((ulong)added, -70, 0, advert, 0, advert.Length))
        {
            added++;
        }

        int length = writer.Finish(ReceiverKey);
        Assert.True(length <= DatagramLayout.MaxLength);
        Assert.Equal((DatagramLayout.MaxLength - DatagramLayout.FirstReport - DatagramLayout.MacLength) / 41, added);
        Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(writer.Buffer, length, new Datagram()));
    }

    [Fact]
    public void RefusesAnAdvertLongerThanALegacyAdvert()
    {
        var writer = new DatagramWriter();
        writer.BeginReports(1, 1, 1, 0);
        Assert.False(writer.TryAdd(1, -70, 0, new byte[32], 0, 32));
        Assert.Equal(0, writer.Count);
    }

    [Fact]
    public void HeartbeatRoundTrips()
    {
        var writer = new DatagramWriter();
        int length = writer.WriteHeartbeat(42, 9, 1000, 60000, heard: 5000, sent: 4990, dropped: 10, reconnects: 2, wifiRssi: -61, ReceiverKey);
        var datagram = new Datagram();

        Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(writer.Buffer, length, datagram));
        Assert.True(DatagramReader.Verify(ReceiverKey, writer.Buffer, datagram));
        Assert.Equal((DatagramKind.Heartbeat, 5000u, 4990u, 10u, (ushort)2, (sbyte)-61), (datagram.Kind, datagram.Heard, datagram.Sent, datagram.Dropped, datagram.Reconnects, datagram.WifiRssi));
    }

    [Fact]
    public void ACountThatLiesIsRejected()
    {
        var writer = new DatagramWriter();
        writer.BeginReports(1, 1, 1, 0);
        writer.TryAdd(1, -70, 0, new byte[10], 0, 10);
        int length = writer.Finish(ReceiverKey);
        writer.Buffer[DatagramLayout.ReportCount] = 2;

        Assert.Equal(DatagramStatus.BadReports, DatagramReader.Read(writer.Buffer, length, new Datagram()));
    }

    [Fact]
    public void TamperingFailsVerification()
    {
        var writer = new DatagramWriter();
        writer.BeginReports(1, 1, 1, 0);
        writer.TryAdd(1, -70, 0, new byte[10], 0, 10);
        int length = writer.Finish(ReceiverKey);
        writer.Buffer[DatagramLayout.FirstReport + 6] ^= 0x01; // the RSSI
        var datagram = new Datagram();

        Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(writer.Buffer, length, datagram));
        Assert.False(DatagramReader.Verify(ReceiverKey, writer.Buffer, datagram));
    }

    [Fact]
    public void RandomBytesNeverThrowAndAreNeverOverread()
    {
        Gen<byte[]> bytes =
            from length in Gen.Choose(0, 1300)
            from b in Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), length)
            select b;
        Prop.ForAll(bytes.ToArbitrary(), b =>
        {
            // Our version in the first byte half of the time, to get past the first check.
            if (b.Length > 0 && b[0] % 2 == 0)
            {
                b[0] = (byte)(0x10 | (b[0] & 0x03));
            }

            var datagram = new Datagram();
            DatagramStatus status = DatagramReader.Read(b, b.Length, datagram);
            if (status == DatagramStatus.Ok && datagram.Kind == DatagramKind.Reports)
            {
                int position = datagram.ReportsOffset;
                var report = new HeardReport();
                for (int i = 0; i < datagram.ReportCount; i++)
                {
                    DatagramReader.NextReport(b, ref position, report);
                }

                return position == datagram.SignedLength;
            }

            return Enum.IsDefined(status);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }

    [Fact]
    public void AnOversizedDatagramIsRejected()
    {
        byte[] b = new byte[1500];
        b[0] = 0x11;
        Assert.Equal(DatagramStatus.TooLong, DatagramReader.Read(b, b.Length, new Datagram()));
    }
}
