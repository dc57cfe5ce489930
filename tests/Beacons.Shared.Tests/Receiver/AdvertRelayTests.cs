using Beacons.Protocol;
using Beacons.Receiver;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static Beacons.Shared.Tests.Receiver.RelayFixtures;

namespace Beacons.Shared.Tests.Receiver;

public class AdvertRelayTests
{
    private static List<Sent> Reports(List<Sent> sent) => sent.Where(s => s.Kind == DatagramKind.Reports).ToList();

    [Fact]
    public void The_first_poll_sends_a_heartbeat_that_says_the_receiver_is_up()
    {
        var relay = NewRelay(new MemoryCounterStore(), nowMs: 1000);
        relay.Poll(1000);
        Sent heartbeat = Assert.Single(Drain(relay, 1000));
        Assert.Equal(DatagramKind.Heartbeat, heartbeat.Kind);
        Assert.Equal(1000u, heartbeat.UptimeMs);
        Assert.Equal(0u, heartbeat.Heard);
    }

    [Fact]
    public void Three_hundred_badges_go_out_in_full_datagrams_that_the_gateway_reader_accepts()
    {
        var relay = NewRelay(new MemoryCounterStore(), queue: 16);
        for (int i = 0; i < 300; i++)
        {
            Assert.True(relay.Hear(0xC0FFEE000000UL + (ulong)i, -60 - (i % 30), BadgeAdvert((ushort)(i + 1), 7), 0, 24, i / 10));
        }

        // The last, partial batch opened when its first report came, at 27 ms: it leaves 200 ms later.
        relay.Poll(226);
        Assert.Equal(28, relay.Waiting);
        relay.Poll(227);
        List<Sent> sent = Reports(Drain(relay, 227));

        Assert.All(sent, s => Assert.True(s.Length <= DatagramLayout.MaxLength));
        Assert.Equal(300, sent.Sum(s => s.Reports.Count));
        Assert.Equal(300, sent.SelectMany(s => s.Reports).Select(r => r.Address).Distinct().Count());

        // Every datagram but the last is as full as 24-byte adverts allow: (1200 - 14 - 8) / 34 = 34 reports.
        Assert.Equal(24, RelayCases.AdvertLengths[0]);
        int perDatagram = RelayCases.ReportsPerFullDatagram[0];
        Assert.All(sent.Take(sent.Count - 1), s => Assert.Equal(perDatagram, s.Reports.Count));

        // The adverts arrive byte for byte, and still decode and verify as badge frames.
        var frame = new Frame();
        var iBeacon = new IBeacon();
        foreach (Report r in sent.SelectMany(s => s.Reports))
        {
            Assert.Equal(DecodeStatus.Ours, AdvertDecoder.Decode(r.Advert, 0, r.Advert.Length, FrameLayout.DefaultCompanyId, frame, iBeacon));
            Assert.True(FrameMac.Verify(FrameKey, r.Advert, frame));
            Assert.Equal(r.Address - 0xC0FFEE000000UL + 1, frame.DeviceId);
        }

        Assert.Equal(300u, relay.Heard);
        Assert.Equal(300u, relay.Sent);
        Assert.Equal(0u, relay.Dropped);
    }

    [Fact]
    public void Datagrams_never_exceed_1200_bytes_whatever_is_heard()
    {
        Gen<(int address, int length, int gapMs)[]> heardGen =
            Gen.ArrayOf(
                from address in Gen.Choose(0, 400)
                from length in Gen.Choose(24, FrameLayout.MaxAdvertisingData)
                from gap in Gen.Choose(0, 60)
                select (address, length, gap));

        Prop.ForAll(heardGen.ToArbitrary(), heard =>
        {
            var relay = NewRelay(new MemoryCounterStore(), queue: 64);
            long now = 0;
            var sent = new List<Sent>();
            foreach ((int address, int length, int gap) in heard)
            {
                now += gap;
                relay.Hear((ulong)address, -70, BadgeAdvert((ushort)(address + 1), (uint)now, length), 0, length, now);
                relay.Poll(now);
                sent.AddRange(Drain(relay, now)); // Read throws on anything over 1,200 bytes or that fails to verify
            }

            relay.Flush(now);
            sent.AddRange(Drain(relay, now));
            int reported = sent.Sum(s => s.Reports.Count);
            return sent.All(s => s.Length <= DatagramLayout.MaxLength)
                && relay.Sent == (uint)reported
                && relay.Dropped == 0
                && reported <= relay.Heard;
        }).QuickCheckThrowOnFailure();
    }

    public static IEnumerable<object[]> AdvertLengths() => RelayCases.AdvertLengths.Select((length, i) => new object[] { length, RelayCases.ReportsPerFullDatagram[i] });

    [Theory]
    [MemberData(nameof(AdvertLengths))]
    public void Adverts_fill_datagrams_to_the_limit(int length, int perDatagram)
    {
        var relay = NewRelay(new MemoryCounterStore());
        for (int i = 0; i < 100; i++)
        {
            relay.Hear((ulong)i, -70, BadgeAdvert((ushort)(i + 1), 1, length), 0, length, 0);
        }

        relay.Flush(0);
        List<Sent> sent = Reports(Drain(relay, 0));
        Assert.Equal(100, sent.Sum(s => s.Reports.Count));
        Assert.Equal(ReportBatch.ReportSpace / (DatagramLayout.ReportFixedLength + length), perDatagram);
        Assert.Equal(perDatagram, sent[0].Reports.Count);
        int reportLength = DatagramLayout.ReportFixedLength + length;
        Assert.Equal(DatagramLayout.FirstReport + (perDatagram * reportLength) + DatagramLayout.MacLength, sent[0].Length);
        Assert.True(sent[0].Length <= DatagramLayout.MaxLength);
        Assert.True(sent[0].Length + reportLength > DatagramLayout.MaxLength, "one more report would not have fitted");
    }

    [Fact]
    public void A_batch_waits_for_the_flush_time_counted_from_its_first_report()
    {
        var relay = NewRelay(new MemoryCounterStore(), flushMs: RelayCases.FlushMs);
        relay.Poll(0);
        Drain(relay, 0); // the start-up heartbeat

        for (int i = 0; i < RelayCases.FlushHeardAtMs.Length; i++)
        {
            long at = RelayCases.FlushHeardAtMs[i];
            relay.Poll(at);
            relay.Hear((ulong)(i + 1), -70, BadgeAdvert((ushort)(i + 1), 1), 0, 24, at);
        }

        long leaves = RelayCases.FlushLeavesAtMs;
        relay.Poll(leaves - 1);
        Assert.Empty(Drain(relay, leaves - 1));
        Assert.Equal(leaves, relay.NextPollAtMs);

        relay.Poll(leaves);
        Sent sent = Assert.Single(Drain(relay, leaves));
        Assert.Equal(RelayCases.FlushAgesMs, sent.Reports.Select(r => (int)r.AgeMs).ToArray());
    }

    [Fact]
    public void A_device_heard_nonstop_cannot_hold_back_its_batch()
    {
        var relay = NewRelay(new MemoryCounterStore(), flushMs: 200);
        relay.Poll(0);
        Drain(relay, 0);
        var sent = new List<Sent>();
        for (long t = 0; t < 1000; t += 50)
        {
            relay.Hear(7, -70, BadgeAdvert(7, (uint)t), 0, 24, t);
            relay.Poll(t);
            sent.AddRange(Drain(relay, t));
        }

        Assert.True(sent.Count >= 4, $"{sent.Count} datagrams in a second");
    }

    [Fact]
    public void An_address_heard_twice_in_a_batch_sends_only_its_freshest_report()
    {
        var relay = NewRelay(new MemoryCounterStore());
        relay.Hear(5, -80, BadgeAdvert(5, 1), 0, 24, 0);
        relay.Hear(6, -75, BadgeAdvert(6, 1), 0, 24, 10);
        relay.Hear(5, -61, BadgeAdvert(5, 2), 0, 24, 100);
        relay.Flush(150);
        Sent sent = Assert.Single(Reports(Drain(relay, 150)));
        Assert.Equal(2, sent.Reports.Count);
        Report five = sent.Reports.Single(r => r.Address == 5);
        Assert.Equal(-61, five.Rssi);
        Assert.Equal(50, five.AgeMs);
        Assert.Equal(BadgeAdvert(5, 2), five.Advert);
        Assert.Equal(3u, relay.Heard);
        Assert.Equal(2u, relay.Sent);
    }

    [Fact]
    public void Foreign_adverts_are_ignored_but_iBeacons_and_our_malformed_frames_are_forwarded()
    {
        var relay = NewRelay(new MemoryCounterStore());
        Assert.True(relay.Hear(1, -70, IBeaconAdvert(), 0, 30, 0));
        Assert.False(relay.Hear(2, -70, ForeignAdvert(), 0, 9, 0));
        Assert.False(relay.Hear(3, -70, new byte[] { 5, 0xFF }, 0, 2, 0)); // truncated

        byte[] bad = BadgeAdvert(4, 1);
        bad[3 + 2 + 2 + FrameLayout.Body] = 9; // role 9 does not exist: a BadField frame of ours
        Assert.True(relay.Hear(4, -70, bad, 0, bad.Length, 0));

        Assert.Equal(2u, relay.Ignored);
        Assert.Equal(2u, relay.Heard);
        relay.Flush(0);
        Assert.Equal(new ulong[] { 1, 4 }, Assert.Single(Reports(Drain(relay, 0))).Reports.Select(r => r.Address).Order());
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_datagrams_and_counts_their_reports()
    {
        var relay = NewRelay(new MemoryCounterStore(), queue: 3);
        relay.Poll(0); // heartbeat: one datagram of no reports in the queue

        // Wi-Fi is down: five datagrams of 34, 34, 34, 34 and 10 reports pile up.
        for (int i = 0; i < 146; i++)
        {
            relay.Hear((ulong)i, -70, BadgeAdvert((ushort)(i + 1), 1), 0, 24, 0);
        }

        relay.Flush(0);

        // Three fit: the heartbeat and the first two report datagrams went, 68 reports with them.
        Assert.Equal(68u, relay.Dropped);
        List<Sent> sent = Drain(relay, 0);
        Assert.Equal(new[] { 34, 34, 10 }, sent.Select(s => s.Reports.Count).ToArray());
        Assert.Equal(78u, relay.Sent);
        Assert.Equal(relay.Heard, relay.Sent + relay.Dropped);

        // The next heartbeat tells the gateway.
        relay.Poll(10_000);
        Sent heartbeat = Assert.Single(Drain(relay, 10_000));
        Assert.Equal(DatagramKind.Heartbeat, heartbeat.Kind);
        Assert.Equal(146u, heartbeat.Heard);
        Assert.Equal(78u, heartbeat.SentCount);
        Assert.Equal(68u, heartbeat.Dropped);
    }

    [Fact]
    public void A_failed_send_counts_its_reports_as_dropped()
    {
        var relay = NewRelay(new MemoryCounterStore());
        relay.Hear(1, -70, BadgeAdvert(1, 1), 0, 24, 0);
        relay.Hear(2, -70, BadgeAdvert(2, 1), 0, 24, 0);
        relay.Flush(0);
        byte[] buffer = new byte[DatagramLayout.MaxLength];
        Assert.True(relay.Take(buffer, 0) > 0);
        relay.Delivered(false);
        Assert.Equal(2u, relay.Dropped);
        Assert.Equal(0u, relay.Sent);
    }

    [Fact]
    public void A_datagram_that_waited_in_the_queue_leaves_with_true_ages_and_a_fresh_mac()
    {
        var relay = NewRelay(new MemoryCounterStore());
        relay.Hear(1, -70, BadgeAdvert(1, 1), 0, 24, 1000);
        relay.Hear(2, -70, BadgeAdvert(2, 1), 0, 24, 1150);
        relay.Flush(1200);

        // Wi-Fi came back five seconds later.
        Sent sent = Assert.Single(Reports(Drain(relay, 6200)));
        Assert.Equal(6200u, sent.UptimeMs);
        Assert.Equal(new ushort[] { 5200, 5050 }, sent.Reports.Select(r => r.AgeMs).ToArray());
    }

    [Fact]
    public void A_datagram_too_old_for_its_ages_to_be_told_is_dropped_not_sent()
    {
        var relay = NewRelay(new MemoryCounterStore());
        relay.Hear(1, -70, BadgeAdvert(1, 1), 0, 24, 0);
        relay.Flush(100);
        Assert.Empty(Reports(Drain(relay, 100 + AdvertRelay.MaxAgeMs)));
        Assert.Equal(1u, relay.Dropped);
        Assert.Equal(1u, relay.StaleDatagrams);
    }

    [Fact]
    public void Sequence_numbers_rise_across_a_reboot()
    {
        var store = new MemoryCounterStore();
        var before = NewRelay(store);
        before.Poll(0);
        before.Hear(1, -70, BadgeAdvert(1, 1), 0, 24, 0);
        before.Flush(0);
        uint last = Drain(before, 0).Max(s => s.Sequence);

        var after = NewRelay(store); // same flash, new boot
        after.Poll(0);
        Sent first = Assert.Single(Drain(after, 0));
        Assert.True(first.Sequence > last, $"{first.Sequence} after {last}");
    }

    [Fact]
    public void Sequence_numbers_rise_in_the_order_datagrams_leave()
    {
        var relay = NewRelay(new MemoryCounterStore(), heartbeatMs: 300);
        var sent = new List<Sent>();
        for (long t = 0; t < 3000; t += 20)
        {
            relay.Hear((ulong)(t % 7), -70, BadgeAdvert((ushort)(t % 7 + 1), (uint)t), 0, 24, t);
            relay.Poll(t);
            sent.AddRange(Drain(relay, t));
        }

        Assert.Contains(sent, s => s.Kind == DatagramKind.Heartbeat);
        Assert.Equal(sent.Select(s => s.Sequence).OrderBy(x => x), sent.Select(s => s.Sequence));
        Assert.Equal(sent.Count, sent.Select(s => s.Sequence).Distinct().Count());
    }
}
