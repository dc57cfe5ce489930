using System.Buffers;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Tests.Serving;

namespace Beacons.Gateway.Tests.Ingest;

/// <summary>
/// The laptop's clock set back or forward during a drill: staleness and alert timers run on the steady clock,
/// so nothing freezes and nothing false is raised; event times never jump; the jump itself is recorded.
/// </summary>
public class ClockJumpTests
{
    private static readonly long Start = DateTimeOffset.Parse("2026-05-14T09:00:00Z").ToUnixTimeMilliseconds();

    [Fact]
    public async Task Set_forward_an_hour_no_officer_goes_unknown_and_nothing_is_called_silent()
    {
        var clocks = new TwoClocks(Start);
        using var drill = new Drill(clocks);
        drill.HeardFor(seconds: 10, badgeEveryMs: 500);

        clocks.WallMs += 3_600_000;
        drill.HeardFor(seconds: 10, badgeEveryMs: 500);
        List<DrillEvent> events = await drill.EventsAsync();

        Assert.DoesNotContain(events, e => e.Body is AlertRaised);
        Assert.Equal(1, drill.Runtime.Feed.Current.Roster.Officers[101].Zone);
        ClockJumped jump = Assert.Single(events.Select(e => e.Body).OfType<ClockJumped>());
        Assert.InRange(jump.JumpMs, 3_600_000 - 1_000, 3_600_000 + 1_000);
        Assert.All(events, e => Assert.InRange(e.AtMs, Start, Start + 25_000)); // labels follow the steady clock
    }

    [Fact]
    public async Task Set_back_ten_minutes_time_goes_on_and_a_silent_officer_raises_the_alert_on_time()
    {
        var clocks = new TwoClocks(Start);
        using var drill = new Drill(clocks);
        drill.HeardFor(seconds: 10, badgeEveryMs: 500);

        clocks.WallMs -= 600_000;
        drill.HeardFor(seconds: 70, badgeEveryMs: 0); // the officer falls silent; receivers keep their heartbeats
        List<DrillEvent> events = await drill.EventsAsync();

        DrillEvent silent = Assert.Single(events, e => e.Body is AlertRaised { Type: AlertType.OfficerSilent });
        Assert.InRange(silent.AtMs - Start, 65_000, 75_000); // 60 s after the last advert, on the steady clock
        ClockJumped jump = Assert.Single(events.Select(e => e.Body).OfType<ClockJumped>());
        Assert.InRange(jump.JumpMs, -600_000 - 1_000, -600_000 + 1_000);
        Assert.Equal(events.Select(e => e.AtMs).Order(), events.Select(e => e.AtMs)); // never back
    }

    [Fact]
    public void A_restart_on_a_clock_set_back_starts_after_the_records_last_event()
    {
        var clocks = new TwoClocks(Start);
        var steady = new SteadyClock(clocks, notBeforeMs: Start + 600_000);

        Assert.Equal(Start + 600_000, steady.Now);
        Assert.Null(steady.TakeJump()); // the record's time is the line; the wall's lag at the start is no jump
        clocks.SteadyMs += 1_500;
        Assert.Equal(Start + 601_500, steady.Now);
    }

    /// <summary>A wall clock a test can set, and a steady clock that only moves forward with the test.</summary>
    private sealed class TwoClocks(long startMs) : TimeProvider
    {
        public long WallMs = startMs;
        public long SteadyMs = 1_000_000;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref WallMs));

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Read(ref SteadyMs);

        public void Advance(long ms)
        {
            Interlocked.Add(ref WallMs, ms);
            Interlocked.Add(ref SteadyMs, ms);
        }
    }

    /// <summary>The test drill on a real record, its time moved by the test: receiver 1 and badge 101 in zone 1.</summary>
    private sealed class Drill : IDisposable
    {
        private readonly TwoClocks _clocks;
        private readonly Air _air = new();
        private uint _sequence = 1;
        private uint _counter = 1;
        private long _lastHeartbeatMs = long.MinValue;

        public Drill(TwoClocks clocks)
        {
            _clocks = clocks;
            Store = EventStore.Open(Path.Combine(LiveGateway.NewDirectory(), "record.db"));
            Runtime = new DrillRuntime(TestDrill.Venue(), TestDrill.Exercise(), Store, new PipelineSettings(), new IngestCounters(), recordRaw: false, clocks);
        }

        public EventStore Store { get; }

        public DrillRuntime Runtime { get; }

        /// <summary>Moves time on in 100 ms steps: a heartbeat every 5 s, the badge every <paramref name="badgeEveryMs"/> (0: silent), a tick every second.</summary>
        public void HeardFor(int seconds, int badgeEveryMs)
        {
            for (int step = 1; step <= seconds * 10; step++)
            {
                _clocks.Advance(100);
                long now = Runtime.Now;
                if (now - _lastHeartbeatMs >= 5_000)
                {
                    Post(Air.Heartbeat(1, _sequence++));
                    _lastHeartbeatMs = now;
                }

                if (badgeEveryMs > 0 && (step * 100) % badgeEveryMs == 0)
                {
                    Post(Air.Datagram(1, _sequence++, (_air.Badge(101, _counter++, zone: 1), -55)));
                }

                if (step % 10 == 0)
                {
                    Runtime.PostTick();
                    Runtime.FlushAsync().Wait();
                }
            }
        }

        public async Task<List<DrillEvent>> EventsAsync()
        {
            await Runtime.FlushAsync();
            return Store.ReadAll().ToList();
        }

        public void Dispose()
        {
            Runtime.Dispose();
            Store.Dispose();
        }

        private void Post(byte[] datagram)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(2048);
            datagram.CopyTo(buffer, 0);
            Assert.True(Runtime.PostDatagram(buffer, datagram.Length, Runtime.Now));
        }
    }
}
