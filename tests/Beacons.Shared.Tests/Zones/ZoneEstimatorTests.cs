using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

public class ZoneEstimatorTests(Xunit.Abstractions.ITestOutputHelper output)
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

    public static IEnumerable<object[]> Scenarios() => ZoneCases.Scenarios.Concat(EvidenceCases.Scenarios).Select(x => new object[] { x.Name });

    /// <summary>
    /// The hysteresis and staleness scenarios of ../Beacons.Shared.Cases/ZoneCases.cs, which the nanoCLR tests
    /// play too; those of the candidate evidence estimator (EvidenceCases) with them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_scenario_ends_in_its_zone_settled_when_it_should(string name)
    {
        ZoneScenario scenario = ZoneCases.Scenarios.Concat(EvidenceCases.Scenarios).Single(x => x.Name == name);
        byte zone = scenario.Play(out long settledAt);
        Assert.Equal(scenario.ExpectedZone, zone);
        Assert.Equal(scenario.ExpectedSettledAtMs, settledAt);
    }

    [Fact]
    public void A_clear_lead_must_grow_with_the_noise()
    {
        // Readings that scatter by 6-7 dB (a badge in a crowd): an 8 dB lead is not clear there. The
        // same steady 9 dB lead that wins at once on quiet readings has to wait for the full dwell.
        var quiet = Make(s => s.RisingLeadDb = 0);
        var noisy = Make(s => s.RisingLeadDb = 0);
        foreach (var estimator in new[] { quiet, noisy })
        {
            bool scatter = estimator == noisy;
            for (long t = 0; t <= 30000; t += 500)
            {
                int wobble = scatter ? ((t / 500) % 2 == 0 ? 7 : -7) : 0;
                estimator.Observe(10, A, -70 + wobble, t);
                estimator.Update(t);
            }
        }

        var quietTrace = new List<(long, byte)>();
        var noisyTrace = new List<(long, byte)>();
        Run(quiet, 31000, 45000, t => -70, t => -61, quietTrace);
        Run(noisy, 31000, 45000, t => -70, t => -61, noisyTrace);
        Assert.Equal(31000, quietTrace.First(x => x.Item2 == B).Item1);
        Assert.Equal(31000 + ZoneEstimatorSettings.DefaultDwellMs, noisyTrace.First(x => x.Item2 == B).Item1);
    }

    [Fact]
    public void A_device_standing_between_two_rooms_does_not_flap()
    {
        // Two zones of equal strength, each source reporting twice a second (one report in ten lost),
        // the gateway asking after every report, for an hour. Readings scatter by 3 dB (a still device,
        // as in the UCI data and the simulator) or 5 dB (a badge behind a body, in a crowd).
        int quiet = ChangesStandingStill(Make(), 3.0);
        int noisy = ChangesStandingStill(Make(), 5.0);
        Assert.True(quiet <= 2, quiet + " zone changes in an hour at 3 dB");
        Assert.True(noisy <= 12, noisy + " zone changes in an hour at 5 dB");

        // What keeps the noisy case down is the clear lead growing with the noise: fixed at 8 dB, noise
        // alone makes "clear" leads all the time.
        int fixedClearLead = ChangesStandingStill(Make(s => s.NoiseReferenceDb = 0), 5.0);
        output.WriteLine($"zone changes in an hour standing between two rooms: {quiet} at 3 dB, {noisy} at 5 dB, {fixedClearLead} at 5 dB with a fixed 8 dB clear lead");
        Assert.True(fixedClearLead > 5 * noisy, fixedClearLead + " changes with a fixed clear lead against " + noisy);

        // Why RiseDb stays at 5 dB and SmoothingAlpha at 0.5 although 4 dB or 0.6 is more accurate in the
        // drill: at a noisy wall, noise alone then looks like a rise. The dwell is not what noise trips here.
        int lowerRise = ChangesStandingStill(Make(s => s.RiseDb = 4), 5.0);
        int lighterSmoothing = ChangesStandingStill(Make(s => s.SmoothingAlpha = 0.6), 5.0);
        int longerDwell = ChangesStandingStill(Make(s => s.DwellMs = 5000), 5.0);
        output.WriteLine($"at 5 dB: {lowerRise} with a 4 dB rise, {lighterSmoothing} with smoothing 0.6, {longerDwell} with a 5 s dwell");
        Assert.True(lowerRise > 2 * noisy, lowerRise + " changes with a 4 dB rise against " + noisy);
        Assert.True(lighterSmoothing > 2 * noisy, lighterSmoothing + " changes with smoothing 0.6 against " + noisy);
    }

    private static int ChangesStandingStill(ZoneEstimator estimator, double sigma) =>
        ChangesStandingStill(estimator.Observe, estimator.Update, sigma);

    /// <summary>Zone changes in an hour between two equal zones A and B (EvidenceEstimatorTests uses it too).</summary>
    internal static int ChangesStandingStill(Action<int, byte, int, long> observe, Func<long, byte> update, double sigma)
    {
        var random = new Random(11);
        int changes = 0;
        byte last = Zone.None;
        for (long t = 0; t < 3_600_000; t += 250)
        {
            int source = (int)(t / 250 % 2);
            if (random.NextDouble() > 0.1)
            {
                observe(source, source == 0 ? A : B, (int)Math.Round(-70 + (sigma * Gaussian(random))), t);
            }

            byte zone = update(t);
            changes += last != Zone.None && zone != last ? 1 : 0;
            last = zone;
        }

        return changes;
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

        // Unsmoothed, the spike alone moves the device (13 dB: a clear lead); smoothed (-72 + 0.5 * 20 =
        // -62, 3 dB ahead) it does not.
        Assert.Equal(B, raw.Zone);
        Assert.Equal(A, smoothed.Zone);

        var sustained = Make(s => s.DwellMs = 0);
        var trace = new List<(long, byte)>();
        Run(sustained, 0, 5000, t => -65, t => -72);
        Run(sustained, 6000, 12000, t => -65, t => -52, trace);
        Assert.Equal(7000, trace.First(x => x.Item2 == B).Item1); // -62, then -57: 8 dB ahead on the 2nd reading
    }

    [Fact]
    public void Unknown_since_the_moment_it_went_stale()
    {
        // The zone itself is the last stale scenario of ZoneCases; this pins the time it reports.
        var estimator = Make();
        estimator.Observe(1, A, -60, 1000);
        estimator.Update(1000);
        Assert.Equal(Zone.None, estimator.Update(1000 + ZoneEstimatorSettings.DefaultStaleMs + 1));
        Assert.Equal(1000 + ZoneEstimatorSettings.DefaultStaleMs, estimator.ZoneSinceMs);
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

        // B: -65, -57.5, -53.75. At 13 s it is 6 dB above A's held -60 and 12 dB above its own trend:
        // a rising leader, taken at once.
        Assert.Equal(13000, switchedAt);
    }

    [Fact]
    public void Decay_lets_a_moderately_weaker_neighbour_win_before_the_silent_source_is_forgotten()
    {
        // A 4.5 dB margin keeps the crossing between two whole seconds.
        var estimator = Make(s => s.MarginDb = 4.5);
        Run(estimator, 0, 10000, t => -70, t => -75);

        // A silent from 10 s; held to 13 s, then 1 dB/s: B (-75) is 4.5 dB ahead once A fades below
        // -79.5, first seen at 23 s. B is not rising, and a silent zone is never beaten by a clear lead,
        // so B wins after the full dwell (28 s), still before A is forgotten (30 s).
        var trace = new List<(long, byte)>();
        Run(estimator, 11000, 35000, t => null, t => -75, trace);
        Assert.Equal(23000 + ZoneEstimatorSettings.DefaultDwellMs, trace.First(x => x.Item2 == B).Item1);
    }

    [Fact]
    public void A_zone_is_as_strong_as_its_strongest_source_so_more_receivers_do_not_outvote_a_nearer_one()
    {
        var estimator = Make();
        // Zone A has two receivers at -72 each (summed, -69 dBm); zone B one at -71, the nearest.
        for (long t = 0; t <= 10000; t += 1000)
        {
            estimator.Observe(1, A, -72, t);
            estimator.Observe(2, A, -72, t);
            estimator.Observe(3, B, -71, t);
            Assert.Equal(B, estimator.Update(t));
        }

        // One of A's receivers dies: nothing changes either.
        for (long t = 11000; t <= 60000; t += 1000)
        {
            estimator.Observe(1, A, -72, t);
            estimator.Observe(3, B, -71, t);
            Assert.Equal(B, estimator.Update(t));
        }
    }

    [Fact]
    public void A_quick_way_leads_only_to_a_neighbouring_zone_anything_farther_waits_out_the_dwell()
    {
        // A and B share a wall; C is the room below A. The same readings go to an estimator that knows
        // this and one that does not: C jumps from -80 to -55 dBm (rising, and 15 dB clear of A).
        var neighbours = new ZoneNeighbours();
        neighbours.Add(A, B);
        var told = new ZoneEstimator(new ZoneEstimatorSettings(), neighbours);
        var untold = new ZoneEstimator(new ZoneEstimatorSettings());
        var toldTrace = new List<(long, byte)>();
        var untoldTrace = new List<(long, byte)>();
        for (long t = 0; t <= 20000; t += 500)
        {
            int c = t < 10000 ? -80 : -55;
            foreach (var (estimator, trace) in new[] { (told, toldTrace), (untold, untoldTrace) })
            {
                estimator.Observe(1, A, -70, t);
                estimator.Observe(3, C, c, t);
                trace.Add((t, estimator.Update(t)));
            }
        }

        long untoldAt = untoldTrace.First(x => x.Item2 == C).Item1;
        long toldAt = toldTrace.First(x => x.Item2 == C).Item1;
        Assert.True(untoldAt <= 11000, "without neighbours C is taken at once, at " + untoldAt);
        // Told, C must lead by the margin at every decision for the whole dwell (it does from 10.5 s).
        Assert.True(toldAt >= 10000 + ZoneEstimatorSettings.DefaultDwellMs, "C was taken at " + toldAt);
        Assert.True(toldAt <= 11000 + ZoneEstimatorSettings.DefaultDwellMs, "C was taken at " + toldAt);

        // A neighbour rising the same way is still taken at once.
        var walk = new ZoneEstimator(new ZoneEstimatorSettings(), neighbours);
        long bAt = -1;
        for (long t = 0; t <= 20000 && bAt < 0; t += 500)
        {
            walk.Observe(1, A, -70, t);
            walk.Observe(2, B, t < 10000 ? -80 : -55, t);
            bAt = walk.Update(t) == B ? t : -1;
        }

        Assert.InRange(bAt, 10000, 11000);
    }

    [Fact]
    public void Neighbours_go_both_ways_and_every_zone_is_its_own()
    {
        var neighbours = new ZoneNeighbours();
        neighbours.Add(1, 255);
        Assert.True(neighbours.AreNeighbours(1, 255));
        Assert.True(neighbours.AreNeighbours(255, 1));
        Assert.True(neighbours.AreNeighbours(7, 7));
        Assert.False(neighbours.AreNeighbours(1, 2));
        Assert.False(neighbours.AreNeighbours(254, 1));
    }

    [Fact]
    public void A_gateway_asking_on_every_report_gets_the_answers_of_one_asking_twice_a_second()
    {
        // The same readings (two sources, 4 reports a second, a walk from A to B and back) fed to one
        // estimator asked after every reading and one asked every half second: same zones, same times.
        var often = Make();
        var steady = Make();
        var random = new Random(3);
        var changesOften = new List<(long, byte)>();
        var changesSteady = new List<(long, byte)>();
        for (long t = 0; t < 120_000; t += 125)
        {
            double walk = t < 40_000 ? 0 : t < 80_000 ? 1 : 0;
            int a = (int)(-62 - (16 * walk) + random.Next(-3, 4));
            int b = (int)(-80 + (20 * walk) + random.Next(-3, 4));
            bool first = t / 125 % 2 == 0;
            often.Observe(first ? 1 : 2, first ? A : B, first ? a : b, t);
            steady.Observe(first ? 1 : 2, first ? A : B, first ? a : b, t);
            Note(changesOften, t, often.Update(t));
            if (t % 500 == 0)
            {
                Note(changesSteady, t, steady.Update(t));
            }
        }

        Assert.Equal(new[] { A, B, A }, changesSteady.Select(c => c.Item2));
        Assert.Equal(changesSteady, changesOften);
    }

    [Fact]
    public void Calibrated_readings_are_brought_to_the_reference_one_metre_rssi()
    {
        // Anchor A is a quiet transmitter (-75 dBm at 1 m) heard at -80: 5 dB of path loss, so it is near.
        // Anchor B is a loud one (-50 dBm at 1 m) heard at -72: 22 dB of path loss, far. Raw, B looks
        // stronger; calibrated, A is the near one.
        var raw = Make();
        raw.Observe(1, A, -80, 0);
        raw.Observe(2, B, -72, 0);
        Assert.Equal(B, raw.Update(0));

        var calibrated = Make();
        calibrated.Observe(1, A, -80, -75, 0);
        calibrated.Observe(2, B, -72, -50, 0);
        Assert.Equal(A, calibrated.Update(0));

        // A missing calibration (0, as iBeacons send when none was set) is ignored, not applied.
        var missing = Make();
        missing.Observe(1, A, -80, 0, 0);
        missing.Observe(2, B, -72, 0, 0);
        Assert.Equal(B, missing.Update(0));

        // Calibrated or not, an impossible RSSI is still ignored.
        calibrated.Observe(3, C, 127, -59, 1000);
        Assert.Equal(A, calibrated.Update(1000));
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
            estimator.Observe(random.Next(40), (byte)random.Next(1, 6), random.Next(-100, -40), random.Next(-80, -40), i * 100L);
            estimator.Update(i * 100L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Note(List<(long, byte)> changes, long t, byte zone)
    {
        if (changes.Count == 0 || changes[^1].Item2 != zone)
        {
            changes.Add((t, zone));
        }
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
