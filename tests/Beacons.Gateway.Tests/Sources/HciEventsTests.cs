using Beacons.Gateway.Sources;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Sources;

public class HciEventsTests
{
    // An LE Advertising Report as a controller sends it (after the H4 0x04 byte): LE Meta event, parameter
    // length, subevent 2, one report: ADV_NONCONN_IND (3), random address (1), address C0:FF:EE:12:34:56
    // little-endian, 8 bytes of data (flags + a short manufacturer AD), RSSI -67.
    private static readonly byte[] Captured =
    [
        0x3E, 0x14, 0x02, 0x01,
        0x03, 0x01, 0x56, 0x34, 0x12, 0xEE, 0xFF, 0xC0,
        0x08, 0x02, 0x01, 0x06, 0x04, 0xFF, 0xFF, 0xFF, 0x11,
        0xBD,
    ];

    [Fact]
    public void A_captured_advertising_report_is_read_field_by_field()
    {
        var adverts = new List<HciAdvert>();

        Assert.Equal(HciParse.Adverts, HciEvents.Parse(Captured, adverts));

        HciAdvert a = Assert.Single(adverts);
        Assert.Equal(3, a.EventType);
        Assert.Equal(1, a.AddressType);
        Assert.Equal(0xC0FFEE123456UL, a.Address);
        Assert.Equal(new byte[] { 0x02, 0x01, 0x06, 0x04, 0xFF, 0xFF, 0xFF, 0x11 }, a.Data);
        Assert.Equal(-67, a.Rssi);
    }

    [Fact]
    public void Several_reports_in_one_event_are_read_in_order_and_the_builder_writes_what_the_parser_reads()
    {
        var air = new Air();
        var reports = new List<HciAdvert>
        {
            new(0, 0, 0x112233445566, air.Badge(101, 5), -50),
            new(3, 1, 0xAABBCCDDEEFF, Air.IBeacon("e2c56db5dffb48d2b060d0f5a71096e0", 1, 7), -90),
            new(2, 1, 0x010203040506, [], 127),
        };

        var adverts = new List<HciAdvert>();
        Assert.Equal(HciParse.Adverts, HciEvents.Parse(HciEvents.AdvertisingReport(reports), adverts));

        Assert.Equal(reports.Select(r => (r.EventType, r.AddressType, r.Address, Convert.ToHexString(r.Data), r.Rssi)),
            adverts.Select(r => (r.EventType, r.AddressType, r.Address, Convert.ToHexString(r.Data), r.Rssi)));
    }

    [Fact]
    public void Other_events_are_ignored_not_malformed()
    {
        var adverts = new List<HciAdvert>();

        Assert.Equal(HciParse.Ignored, HciEvents.Parse([0x0E, 0x04, 0x01, 0x0C, 0x20, 0x00], adverts));             // Command Complete
        Assert.Equal(HciParse.Ignored, HciEvents.Parse([0x3E, 0x03, 0x01, 0x00, 0x00], adverts));                   // LE Connection Complete (short)
        Assert.Empty(adverts);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "empty", [] },
        { "parameter length lies", [0x3E, 0x15, .. Captured[2..]] },
        { "no reports", [0x3E, 0x02, 0x02, 0x00] },
        { "26 reports", [0x3E, 0x02, 0x02, 26] },
        { "data length runs past the end", [0x3E, 0x14, 0x02, 0x01, 0x03, 0x01, 0x56, 0x34, 0x12, 0xEE, 0xFF, 0xC0, 0x09, 0x02, 0x01, 0x06, 0x04, 0xFF, 0xFF, 0xFF, 0x11, 0xBD] },
        { "data over 31 bytes", HciEvents.AdvertisingReport([new HciAdvert(0, 0, 1, new byte[32], -40)]) },
        { "count says two, one given", [0x3E, 0x14, 0x02, 0x02, .. Captured[4..]] },
        { "trailing bytes", [0x3E, 0x15, .. Captured[2..], 0x00] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_events_are_refused_and_add_nothing(string why, byte[] packet)
    {
        var adverts = new List<HciAdvert> { new(0, 0, 0, [], 0) };

        Assert.True(HciEvents.Parse(packet, adverts) == HciParse.Malformed, why);
        Assert.Single(adverts);
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw()
    {
        var random = new Random(1234);
        var adverts = new List<HciAdvert>();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet = i % 2 == 0 ? RandomBytes(random, random.Next(0, 80)) : Mutate(random, Captured);
            HciParse result = HciEvents.Parse(packet, adverts);
            Assert.True(result is HciParse.Adverts or HciParse.Ignored or HciParse.Malformed);
            Assert.All(adverts, a => Assert.True(a.Data.Length <= FrameLayout.MaxAdvertisingData));
            adverts.Clear();
        }
    }

    internal static byte[] RandomBytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }

    internal static byte[] Mutate(Random random, byte[] valid)
    {
        var b = new List<byte>(valid);
        switch (random.Next(4))
        {
            case 0:
                b[random.Next(b.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                b.RemoveRange(random.Next(b.Count), 1);
                break;
            case 2:
                b.Insert(random.Next(b.Count), (byte)random.Next(256));
                break;
            default:
                b[random.Next(b.Count)] = (byte)random.Next(256);
                break;
        }

        return b.ToArray();
    }
}
