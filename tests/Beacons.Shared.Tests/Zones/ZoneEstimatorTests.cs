using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

public class ZoneEstimatorTests
{
    private const byte A = 1;
    private const byte B = 2;
    private const byte C = 3;

    private static ZoneEstimator Make(Action<ZoneEstimatorSettings>? change = null)
    {
        var settings = new ZoneEstimatorSettings();
        change?.Invoke(settings);
        return new ZoneEstimator(settings);
    }

    // Both sources report once a second from `from` to `to` (inclusive) and Update follows each second.
    private static void Run(ZoneEstimator estimator, long from, long to, Func<long, int?> rssiA, Func<long, int?> rssiB, List<(long, byte)>? trace = null)
    {
        for (long t = from; t <= to; t += 1000)
        {
            int? a = rssiA(t);
            int? b = rssiB(t);
            if (a.HasValue)
            {
                estimator.Observe(10, A, a.Value, t);
            }

            if (b.HasValue)
            {
                estimator.Observe(20, B, b.Value, t);
            }

            byte zone = estimator.Update(t);
            trace?.Add((t, zone));
        }
    }

    [Fact]
    public void Starts_unknown_and_takes_the_first_zone_heard_at_once()
    {
        var estimator = Make();
        Assert.Equal(Zone.None, estimator.Update(0));
        Assert.Equal(Zone.None, estimator.Zone);

        estimator.Observe(7, C, -70, 5000);
        Assert.Equal(C, estimator.Update(5000));
        Assert.Equal(C, estimator.Zone);
        Assert.Equal(5000, estimator.ZoneSinceMs);
    }

    [Fact]
    public void A_challenger_inside_the_margin_never_takes_over()
    {
        var estimator = Make();
        Run(estimator, 0, 5000, t => -70, t => null);
        Assert.Equal(A, estimator.Zone);

        // B at 3 dB above A for a minute: below the 4 dB margin.
        Run(estimator, 6000, 66000, t => -70, t => -67);
        Assert.Equal(A, estimator.Zone);
        Assert.Equal(0, estimator.ZoneSinceMs);
    }

    [Fact]
    public void A_challenger_beyond_the_margin_takes_over_only_after_the_dwell()
    {
        var estimator = Make();
        Run(estimator, 0, 9000, t => -70, t => -72);
        Assert.Equal(A, estimator.Zone);

        // From 10 s, B reads -58; smoothed it is -65 at once (5 dB ahead: the challenge starts at 10 s).
        var trace = new List<(long, byte)>();
        Run(estimator, 10000, 20000, t => -70, t => -58, trace);
        long switchedAt = trace.First(x => x.Item2 == B).Item1;
        Assert.Equal(10000 + ZoneEstimatorSettings.DefaultDwellMs, switchedAt);
        Assert.All(trace.Where(x => x.Item1 < switchedAt), x => Assert.Equal(A, x.Item2));
        Assert.All(trace.Where(x => x.Item1 >= switchedAt), x => Assert.Equal(B, x.Item2));
        Assert.Equal(switchedAt, estimator.ZoneSinceMs);
    }

    [Fact]
    public void A_break_in_the_lead_restarts_the_dwell()
    {
        // No smoothing here, so each second's lead is exactly the readings' difference.
        var estimator = Make(s => s.SmoothingAlpha = 1);
        Run(estimator, 0, 4000, t => -70, t => -80);

        // B leads by 10 dB at 5 s and 6 s, by only 2 dB at 7 s, then by 10 dB again from 8 s.
        var trace = new List<(long, byte)>();
        Run(estimator, 5000, 15000, t => -70, t => t == 7000 ? -68 : -60, trace);
        long switchedAt = trace.First(x => x.Item2 == B).Item1;
        Assert.Equal(8000 + ZoneEstimatorSettings.DefaultDwellMs, switchedAt);
    }

    [Fact]
    public void Smoothing_halves_a_one_reading_spike_but_follows_a_sustained_change()
    {
        // Dwell 0 isolates the smoothing: any lead beyond the margin would switch at once.
        var smoothed = Make(s => s.DwellMs = 0);
        var raw = Make(s => { s.DwellMs = 0; s.SmoothingAlpha = 1; });
        foreach (var estimator in new[] { smoothed, raw })
        {
            Run(estimator, 0, 5000, t => -65, t => -72);
            Run(estimator, 6000, 6000, t => -65, t => -52); // one spike: 13 dB above A
        }

        // Unsmoothed, the spike alone moves the device; smoothed (-72 + 0.5 * 20 = -62, 3 dB ahead) it does not.
        Assert.Equal(B, raw.Zone);
        Assert.Equal(A, smoothed.Zone);

        var sustained = Make(s => s.DwellMs = 0);
        var trace = new List<(long, byte)>();
        Run(sustained, 0, 5000, t => -65, t => -72);
        Run(sustained, 6000, 12000, t => -65, t => -52, trace);
        Assert.Equal(7000, trace.First(x => x.Item2 == B).Item1); // -62, then -57: 8 dB ahead on the 2nd reading
    }

    [Fact]
    public void Unknown_after_the_stale_time_and_since_the_moment_it_went_stale()
    {
        var estimator = Make();
        estimator.Observe(1, A, -60, 1000);
        Assert.Equal(A, estimator.Update(1000));

        long stale = ZoneEstimatorSettings.DefaultStaleMs;
        Assert.Equal(A, estimator.Update(1000 + stale));
        Assert.Equal(Zone.None, estimator.Update(1000 + stale + 1));
        Assert.Equal(1000 + stale, estimator.ZoneSinceMs);
    }

    [Fact]
    public void Goes_unknown_across_a_long_silence_even_when_Update_was_not_called()
    {
        var estimator = Make(s => s.DwellMs = 0);
        estimator.Observe(1, A, -60, 0);
        Assert.Equal(A, estimator.Update(0));

        // Nothing (not even Update) for a minute, then a weak reading of another zone: the old zone
        // is not carried over the silence.
        estimator.Observe(2, B, -75, 60000);
        Assert.Equal(Zone.None, estimator.Zone);
        Assert.Equal(ZoneEstimatorSettings.DefaultStaleMs, estimator.ZoneSinceMs);
        Assert.Equal(B, estimator.Update(60000));
        Assert.Equal(60000, estimator.ZoneSinceMs);

        // Nor is source 1's old average: at -80 now it trails B. Blended with the old -60 it would
        // be -70, 5 dB ahead, and take the zone (dwell 0).
        estimator.Observe(1, A, -80, 61000);
        estimator.Observe(2, B, -75, 61000);
        Assert.Equal(B, estimator.Update(61000));
    }

    [Fact]
    public void A_strong_source_falling_silent_does_not_hand_the_zone_to_a_weak_neighbour()
    {
        var estimator = Make();
        Run(estimator, 0, 10000, t => -60, t => -80);
        Assert.Equal(A, estimator.Zone);

        // Source A stops at 10 s (receiver unplugged); B keeps hearing the device at -80.
        var trace = new List<(long, byte)>();
        Run(estimator, 11000, 40000, t => null, t => -80, trace);
        long stale = ZoneEstimatorSettings.DefaultStaleMs;
        long dwell = ZoneEstimatorSettings.DefaultDwellMs;

        // A's fading score stays ahead until A is forgotten; only then does B start its dwell.
        Assert.All(trace.Where(x => x.Item1 < 10000 + stale + dwell), x => Assert.Equal(A, x.Item2));
        Assert.Equal(B, estimator.Zone);
        Assert.True(trace.First(x => x.Item2 == B).Item1 <= 10000 + stale + 1000 + dwell);
    }

    [Fact]
    public void A_silent_source_does_not_stop_a_neighbour_that_really_gets_stronger()
    {
        var estimator = Make();
        Run(estimator, 0, 10000, t => -60, t => -80);

        // The device walks from A to B: A falls silent, B rises to -50.
        var trace = new List<(long, byte)>();
        Run(estimator, 11000, 20000, t => null, t => -50, trace);
        long switchedAt = trace.First(x => x.Item2 == B).Item1;

        // B: -65, -57.5, -53.75 (6 dB above A's held -60 at 13 s), then the 3 s dwell.
        Assert.Equal(13000 + ZoneEstimatorSettings.DefaultDwellMs, switchedAt);
    }

    [Fact]
    public void Decay_lets_a_moderately_weaker_neighbour_win_before_the_silent_source_is_forgotten()
    {
        // A 4.5 dB margin keeps the crossing between two whole seconds.
        var estimator = Make(s => s.MarginDb = 4.5);
        Run(estimator, 0, 10000, t => -70, t => -75);

        // A silent from 10 s; held to 13 s, then 1 dB/s: B (-75) is 4.5 dB ahead once A fades below
        // -79.5, first seen at 23 s, and wins after the dwell at 26 s, before A is forgotten (30 s).
        var trace = new List<(long, byte)>();
        Run(estimator, 11000, 35000, t => null, t => -75, trace);
        Assert.Equal(26000, trace.First(x => x.Item2 == B).Item1);
    }

    [Fact]
    public void Sources_of_one_zone_add_up_and_one_of_them_falling_silent_changes_nothing()
    {
        var estimator = Make();
        // Zone A has two receivers at -72 each (together -69 dBm); zone B one at -71.
        for (long t = 0; t <= 10000; t += 1000)
        {
            estimator.Observe(1, A, -72, t);
            estimator.Observe(2, A, -72, t);
            estimator.Observe(3, B, -71, t);
            estimator.Update(t);
        }

        Assert.Equal(A, estimator.Zone);

        // Receiver 2 dies: zone A is now -72 against -71, inside the margin, so A stays.
        for (long t = 11000; t <= 60000; t += 1000)
        {
            estimator.Observe(1, A, -72, t);
            estimator.Observe(3, B, -71, t);
            Assert.Equal(A, estimator.Update(t));
        }
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        var estimator = Make();
        estimator.Observe(1, A, -60, 0);
        estimator.Update(0);
        estimator.Reset();

        Assert.Equal(Zone.None, estimator.Zone);
        Assert.Equal(0, estimator.ZoneSinceMs);
        Assert.Equal(Zone.None, estimator.Update(100));
    }

    [Fact]
    public void Readings_without_a_zone_or_with_an_impossible_rssi_are_ignored()
    {
        var estimator = Make();
        estimator.Observe(1, Zone.None, -60, 0);
        estimator.Observe(2, A, 127, 0);   // "RSSI not available" in HCI reports
        estimator.Observe(3, A, -128, 0);
        Assert.Equal(Zone.None, estimator.Update(0));

        estimator.Observe(4, B, -127, 0);
        Assert.Equal(B, estimator.Update(0));
    }

    [Fact]
    public void More_sources_than_capacity_evict_the_one_heard_least_recently()
    {
        var estimator = Make(s => s.MaxSources = 2);
        estimator.Observe(1, A, -50, 0);     // strongest, but heard first
        estimator.Observe(2, B, -80, 1000);
        estimator.Observe(3, C, -70, 2000);  // evicts source 1
        Assert.Equal(C, estimator.Update(2000));
    }

    [Fact]
    public void Equal_scores_keep_the_current_zone_and_otherwise_prefer_the_lower_zone()
    {
        var estimator = Make(s => { s.MarginDb = 0; s.DwellMs = 0; });
        estimator.Observe(1, C, -70, 0);
        estimator.Observe(2, B, -70, 0);
        Assert.Equal(B, estimator.Update(0));

        estimator.Observe(3, A, -70, 1000);
        estimator.Observe(1, C, -70, 1000);
        estimator.Observe(2, B, -70, 1000);
        Assert.Equal(B, estimator.Update(1000));
    }

    [Fact]
    public void Observe_and_Update_allocate_nothing()
    {
        var estimator = Make();
        var random = new Random(7);
        for (int warm = 0; warm < 100; warm++)
        {
            estimator.Observe(warm % 5, (byte)(1 + warm % 3), -60 - warm % 20, warm * 100L);
            estimator.Update(warm * 100L);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 100; i < 10100; i++)
        {
            estimator.Observe(random.Next(40), (byte)random.Next(1, 6), random.Next(-100, -40), i * 100L);
            estimator.Update(i * 100L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
