using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Tests.Ingest;

public class ReplayGuardTests
{
    private const long Window = 30_000;

    [Fact]
    public void Rising_counters_are_fresh_even_with_gaps_from_lost_frames_and_reboots()
    {
        var guard = new ReplayGuard();

        Assert.Equal(GuardVerdict.Fresh, guard.Check(5, 0xAAAA, 0, Window));
        Assert.Equal(GuardVerdict.Fresh, guard.Check(6, 0xBBBB, 1000, Window));
        Assert.Equal(GuardVerdict.Fresh, guard.Check(9, 0xCCCC, 2000, Window));   // two lost
        Assert.Equal(GuardVerdict.Fresh, guard.Check(256 + 9, 0xDDDD, 3000, Window)); // a reboot skips a block
    }

    [Fact]
    public void Copies_of_the_newest_payload_are_repeats_within_the_window_then_stale()
    {
        var guard = new ReplayGuard();
        guard.Check(7, 0x1234, 10_000, Window);

        Assert.Equal(GuardVerdict.Repeat, guard.Check(7, 0x1234, 10_050, Window));
        Assert.Equal(GuardVerdict.Repeat, guard.Check(7, 0x1234, 10_000 + Window, Window));
        Assert.Equal(GuardVerdict.StaleRepeat, guard.Check(7, 0x1234, 10_001 + Window, Window));
    }

    [Fact]
    public void An_older_counter_or_the_same_counter_with_another_mac_is_rejected_with_its_reason()
    {
        var guard = new ReplayGuard();
        guard.Check(7, 0x1234, 0, Window);

        Assert.Equal(GuardVerdict.CounterWentBack, guard.Check(6, 0x9999, 10, Window));
        Assert.Equal(GuardVerdict.SameCounterOtherMac, guard.Check(7, 0x9999, 10, Window));
        Assert.Equal(7u, guard.Counter); // rejections change nothing
        Assert.Equal(GuardVerdict.Repeat, guard.Check(7, 0x1234, 20, Window));
    }

    [Fact]
    public void A_guard_seeded_after_a_restart_refuses_what_came_before()
    {
        var guard = new ReplayGuard();
        guard.Seed(100, 50_000);

        Assert.Equal(GuardVerdict.CounterWentBack, guard.Check(99, 0x1, 50_100, Window));
        Assert.Equal(GuardVerdict.Repeat, guard.Check(100, 0x2, 50_100, Window)); // learns the MAC
        Assert.Equal(GuardVerdict.SameCounterOtherMac, guard.Check(100, 0x3, 50_200, Window));
        Assert.Equal(GuardVerdict.Fresh, guard.Check(101, 0x4, 50_300, Window));
    }

    [Fact]
    public void Sequence_window_accepts_reordered_datagrams_once_and_refuses_duplicates_and_old_ones()
    {
        var window = new SequenceWindow();

        Assert.Null(window.Check(100));
        Assert.Null(window.Check(103));
        Assert.Null(window.Check(101)); // late, but not yet seen
        Assert.Equal(Counter.UdpReplayed, window.Check(101));
        Assert.Equal(Counter.UdpReplayed, window.Check(103));
        Assert.Null(window.Check(103 + 70));
        Assert.Equal(Counter.UdpTooOld, window.Check(103));
        Assert.Null(window.Check(103 + 69));
    }

    [Fact]
    public void A_seeded_sequence_window_refuses_everything_up_to_the_seed()
    {
        var window = new SequenceWindow();
        window.Seed(500);

        Assert.Equal(Counter.UdpReplayed, window.Check(500));
        Assert.Equal(Counter.UdpReplayed, window.Check(470));
        Assert.Null(window.Check(501));
    }
}
