using Beacons.Protocol;
using Beacons.Receiver;
using Xunit;
using Xunit.Abstractions;
using static Beacons.Shared.Tests.Receiver.RelayFixtures;

namespace Beacons.Shared.Tests.Receiver;

public class ScanCycleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_first_call_starts_the_watcher_and_sessions_follow_the_cycle()
    {
        var cycle = new ScanCycle(cycleMs: 500, expectedRestartMs: 100);
        Assert.Equal(ScanAction.Start, cycle.Next(0));
        cycle.Started(0);
        Assert.Equal(400, cycle.SessionMs);
        Assert.Equal(ScanAction.None, cycle.Next(399));
        Assert.Equal(400, cycle.NextActionAtMs);
        Assert.Equal(ScanAction.Restart, cycle.Next(400));
    }

    [Fact]
    public void The_session_shrinks_to_what_restarts_really_cost()
    {
        var cycle = new ScanCycle(cycleMs: 800, expectedRestartMs: 100);
        cycle.Started(0);
        long t = 0;
        for (int i = 0; i < 20; i++)
        {
            t += cycle.SessionMs;
            cycle.Restarted(t, t + 300);
            t += 300;
        }

        Assert.InRange(cycle.RestartEstimateMs, 295, 300);
        Assert.InRange(cycle.SessionMs, 500, 505);
        Assert.True(cycle.KeepsCycle);
    }

    [Fact]
    public void Restarts_dearer_than_the_cycle_leave_the_minimum_session_and_say_so()
    {
        var cycle = new ScanCycle(cycleMs: 300, expectedRestartMs: 250);
        cycle.Started(0);
        cycle.Restarted(100, 400);
        Assert.Equal(ScanCycle.MinSessionMs, cycle.SessionMs);
        Assert.False(cycle.KeepsCycle);
    }

    [Fact]
    public void A_watcher_that_fails_to_start_is_retried_a_second_later()
    {
        var cycle = new ScanCycle(500, 100);
        cycle.StartFailed(1000);
        Assert.False(cycle.Running);
        Assert.Equal(ScanAction.None, cycle.Next(1999));
        Assert.Equal(ScanAction.Start, cycle.Next(2000));
        Assert.Equal(1, cycle.StartFailures);
    }

    public static TheoryData<int, int, int, int> Timelines() => new()
    {
        // cycle, configured restart cost, real restart cost, longest advert interval
        { 500, 100, 100, 200 },
        { 500, 100, 30, 100 },
        { 500, 100, 250, 200 }, // restarts dearer than configured: the session adapts from 400 to about 250 ms
        { 700, 300, 300, 200 },
        { 800, 100, 100, 150 },
    };

    /// <summary>
    /// Fifty devices advertise (each its own interval and phase, plus the 0-10 ms random delay BLE adds);
    /// a watcher that reports each address once per session hears them; the cycle restarts it; the relay
    /// batches what is heard; the gateway's reader decodes the datagrams. From the datagrams alone, every
    /// device must be reported at least once a second, and no more than once per session.
    /// </summary>
    [Theory]
    [MemberData(nameof(Timelines))]
    public void A_simulated_drill_minute_reports_every_device_at_least_once_a_second(int cycleMs, int configuredRestartMs, int restartCostMs, int longestIntervalMs)
    {
        var cycle = new ScanCycle(cycleMs, configuredRestartMs);
        Timeline result = Simulate(cycle, restartCostMs, longestIntervalMs, seed: cycleMs + restartCostMs);

        Assert.Equal(50, result.ReportTimes.Count);
        var gaps = new List<long>();
        foreach ((ulong address, List<long> times) in result.ReportTimes)
        {
            long worst = times.Zip(times.Skip(1), (a, b) => b - a).Max();
            gaps.AddRange(times.Zip(times.Skip(1), (a, b) => b - a));
            Assert.True(worst <= 1000, $"device {address}: {worst} ms without a report");
            Assert.True(times.Count <= result.Sessions + 1, "more reports than sessions: the duplicate filter was not modelled");
        }

        gaps.Sort();
        output.WriteLine($"cycle {cycleMs} ms, restart {restartCostMs} ms, adverts every 100..{longestIntervalMs} ms: session {cycle.SessionMs} ms, "
            + $"gap between reports median {gaps[gaps.Count / 2]} ms, p99 {gaps[gaps.Count * 99 / 100]} ms, worst {gaps[^1]} ms, "
            + $"{result.ReportTimes.Values.Sum(t => t.Count) / 50.0 / 60:F2} reports/device/s");

        Assert.InRange(cycle.RestartEstimateMs, restartCostMs - 5, restartCostMs + 5);
    }

    [Fact]
    public void Without_restarts_the_same_simulation_goes_stale()
    {
        // The watcher's duplicate filter in action: one report per device and then silence.
        Timeline result = Simulate(new ScanCycle(cycleMs: 120_000, expectedRestartMs: 0), restartCostMs: 100, longestIntervalMs: 200, seed: 1);
        Assert.All(result.ReportTimes.Values, times => Assert.Single(times));
    }

    private sealed record Timeline(Dictionary<ulong, List<long>> ReportTimes, int Sessions);

    private static Timeline Simulate(ScanCycle cycle, int restartCostMs, int longestIntervalMs, int seed)
    {
        const int devices = 50;
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
                    if (listening && t >= from && heardThisSession.Add(d))
                    {
                        relay.Hear(0xA0_0000_0000UL + (ulong)d, -65, adverts[d], 0, adverts[d].Length, t);
                    }

                    nextAdvert[d] = t + interval[d] + random.Next(0, 11);
                }
            }
        }
    }
}
