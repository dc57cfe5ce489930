using Beacons.Protocol;
using Beacons.Receiver;
using Xunit;
using Xunit.Abstractions;
using static Beacons.Shared.Tests.Receiver.RelayFixtures;

namespace Beacons.Shared.Tests.Receiver;

public class ScanCycleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_first_call_starts_the_watcher_and_a_quiet_session_never_restarts()
    {
        var cycle = new ScanCycle(freshMs: 2000);
        Assert.Equal(ScanAction.Start, cycle.Next(0));
        cycle.Started(0);
        Assert.Equal(ScanAction.None, cycle.Next(3_600_000));
        Assert.Equal(long.MaxValue, cycle.NextActionAtMs);
    }

    [Fact]
    public void The_session_restarts_when_its_first_report_is_as_old_as_the_freshness_target()
    {
        var cycle = new ScanCycle(freshMs: 2000);
        cycle.Started(0);
        cycle.Heard(300);
        cycle.Heard(1900); // a later report does not put the restart off: the first is the stalest
        Assert.Equal(2300, cycle.NextActionAtMs);
        Assert.Equal(ScanAction.None, cycle.Next(2299));
        Assert.Equal(ScanAction.Restart, cycle.Next(2300));
        Assert.Equal(2, cycle.ReportsThisSession);
    }

    [Fact]
    public void A_new_session_forgets_the_old_one_and_counts_what_the_restart_cost()
    {
        var cycle = new ScanCycle(freshMs: 2000);
        cycle.Started(0);
        cycle.Heard(100);
        cycle.Restarted(2100, 2500);
        Assert.Equal(0, cycle.ReportsThisSession);
        Assert.Equal(ScanAction.None, cycle.Next(10_000));
        cycle.Heard(2600);
        cycle.Restarted(4600, 5800);
        Assert.Equal(2, cycle.Restarts);
        Assert.Equal(3, cycle.Sessions);
        Assert.Equal(800, cycle.MeanRestartMs);
        Assert.Equal(1200, cycle.WorstRestartMs);
    }

    [Fact]
    public void A_watcher_that_fails_to_start_is_retried_a_second_later()
    {
        var cycle = new ScanCycle(2000);
        cycle.StartFailed(1000);
        Assert.False(cycle.Running);
        Assert.Equal(ScanAction.None, cycle.Next(1999));
        Assert.Equal(ScanAction.Start, cycle.Next(2000));
        Assert.Equal(1, cycle.StartFailures);
    }

    [Fact]
    public void Reports_while_the_watcher_is_down_do_not_start_the_clock()
    {
        var cycle = new ScanCycle(2000);
        cycle.Heard(0);
        cycle.StartFailed(0);
        cycle.Started(1000);
        Assert.Equal(ScanAction.None, cycle.Next(5000));
    }

    public static TheoryData<int, int, int> Timelines() => new()
    {
        // freshness target, real restart cost, longest advert interval
        { 2000, 300, 200 },
        { 2000, 1000, 200 },
        { 1000, 300, 200 },
        { 5000, 300, 200 },
        { 2000, 3000, 200 },
    };

    /// <summary>
    /// Fifty devices advertise (each its own interval and phase, plus the 0-10 ms random delay BLE adds);
    /// a watcher that reports each address once per session hears them; the cycle restarts it when the
    /// session's first report is as old as the freshness target; the relay batches what is heard; the
    /// gateway's reader decodes the datagrams. From the datagrams alone, no device may go longer than
    /// freshness + restart + advert interval (+ the loop's turn) without a report.
    /// </summary>
    [Theory]
    [MemberData(nameof(Timelines))]
    public void A_simulated_drill_minute_keeps_every_device_within_the_freshness_bound(int freshMs, int restartCostMs, int longestIntervalMs)
    {
        var cycle = new ScanCycle(freshMs);
        Timeline result = Simulate(cycle, restartCostMs, longestIntervalMs, seed: freshMs + restartCostMs);

        Assert.Equal(50, result.ReportTimes.Count);
        long bound = freshMs + restartCostMs + longestIntervalMs + 10 + 2 * 10;
        var gaps = new List<long>();
        foreach ((ulong address, List<long> times) in result.ReportTimes)
        {
            long worst = times.Zip(times.Skip(1), (a, b) => b - a).Max();
            gaps.AddRange(times.Zip(times.Skip(1), (a, b) => b - a));
            Assert.True(worst <= bound, $"device {address}: {worst} ms without a report (bound {bound} ms)");
            Assert.True(times.Count <= result.Sessions + 1, "more reports than sessions: the duplicate filter was not modelled");
        }

        gaps.Sort();
        double restartsPerHour = cycle.Restarts * 60.0;
        double deaf = (double)cycle.Restarts * restartCostMs / 60_000;
        output.WriteLine($"fresh {freshMs} ms, restart {restartCostMs} ms, adverts every 100..{longestIntervalMs} ms: "
            + $"{restartsPerHour:F0} restarts/h, deaf {deaf:P0}, gap between reports median {gaps[gaps.Count / 2]} ms, "
            + $"p99 {gaps[gaps.Count * 99 / 100]} ms, worst {gaps[^1]} ms, "
            + $"{result.ReportTimes.Values.Sum(t => t.Count) / 50.0 / 60:F2} reports/device/s");

        Assert.Equal(restartCostMs, cycle.MeanRestartMs);
    }

    [Fact]
    public void An_empty_room_costs_no_restarts()
    {
        var cycle = new ScanCycle(2000);
        Timeline result = Simulate(cycle, restartCostMs: 300, longestIntervalMs: 200, seed: 3, devices: 0);
        Assert.Empty(result.ReportTimes);
        Assert.Equal(0, cycle.Restarts);
    }

    [Fact]
    public void Without_restarts_the_same_simulation_goes_stale()
    {
        // The watcher's duplicate filter in action: one report per device and then silence.
        Timeline result = Simulate(new ScanCycle(freshMs: 120_000), restartCostMs: 300, longestIntervalMs: 200, seed: 1);
        Assert.All(result.ReportTimes.Values, times => Assert.Single(times));
    }

    private sealed record Timeline(Dictionary<ulong, List<long>> ReportTimes, int Sessions);

    private static Timeline Simulate(ScanCycle cycle, int restartCostMs, int longestIntervalMs, int seed, int devices = 50)
    {
        const long endMs = 60_000;
        const int pollMs = 10;
        var random = new Random(seed);
        var relay = NewRelay(new MemoryCounterStore(), flushMs: 200, heartbeatMs: 10_000, queue: 16);

        int[] interval = new int[devices];
        long[] nextAdvert = new long[devices];
        byte[][] adverts = new byte[devices][];
        for (int d = 0; d < devices; d++)
        {
            interval[d] = random.Next(100, longestIntervalMs + 1);
            nextAdvert[d] = random.Next(0, interval[d]);
            adverts[d] = BadgeAdvert((ushort)(d + 1), 1);
        }

        bool scanning = false;
        var heardThisSession = new HashSet<int>();
        var reportTimes = new Dictionary<ulong, List<long>>();
        byte[] buffer = new byte[DatagramLayout.MaxLength];

        long now = 0;
        while (now < endMs)
        {
            // The device loop: what the cycle asks for, then the relay's timers, then the socket.
            switch (cycle.Next(now))
            {
                case ScanAction.Start:
                    scanning = true;
                    heardThisSession.Clear();
                    cycle.Started(now);
                    break;
                case ScanAction.Restart:
                    // Deaf while the watcher stops and starts; the loop is blocked in those calls.
                    long stopBegan = now;
                    Advance(stopBegan, stopBegan + restartCostMs, listening: false);
                    now = stopBegan + restartCostMs;
                    heardThisSession.Clear();
                    cycle.Restarted(stopBegan, now);
                    break;
            }

            relay.Poll(now);
            int length;
            while ((length = relay.Take(buffer, now)) > 0)
            {
                relay.Delivered(true);
                Sent sent = Read(buffer, length);
                foreach (Report r in sent.Reports)
                {
                    // What the gateway knows: when the datagram arrived, less the report's age.
                    long heardAt = now - r.AgeMs;
                    if (!reportTimes.TryGetValue(r.Address, out List<long>? times))
                    {
                        reportTimes[r.Address] = times = new List<long>();
                    }

                    times.Add(heardAt);
                }
            }

            Advance(now, now + pollMs, scanning);
            now += pollMs;
        }

        return new Timeline(reportTimes, cycle.Sessions);

        void Advance(long from, long to, bool listening)
        {
            for (int d = 0; d < devices; d++)
            {
                while (nextAdvert[d] < to)
                {
                    long t = nextAdvert[d];
                    if (listening && t >= from && heardThisSession.Add(d)
                        && relay.Hear(0xA0_0000_0000UL + (ulong)d, -65, adverts[d], 0, adverts[d].Length, t))
                    {
                        cycle.Heard(t);
                    }

                    nextAdvert[d] = t + interval[d] + random.Next(0, 11);
                }
            }
        }
    }
}
