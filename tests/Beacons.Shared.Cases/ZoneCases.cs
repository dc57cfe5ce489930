// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Cases
{
    /// <summary>
    /// One estimator scenario told from outside: two receivers in zones A and B report once a step
    /// through phases of fixed readings, and the estimator decides after every step. What it must
    /// show is only the zone at the end and the moment that zone was settled, so the estimator's
    /// insides can change (issue 17) and the scenarios still hold.
    /// </summary>
    public sealed class ZoneScenario
    {
        public const byte A = 1;
        public const byte B = 2;

        /// <summary>A phase reading for a receiver that hears nothing.</summary>
        public const int Silent = int.MinValue;

        public string Name;
        public ZoneEstimatorSettings Settings;

        /// <summary>When set, the scenario plays the candidate <see cref="EvidenceEstimator"/> with these settings instead.</summary>
        public EvidenceEstimatorSettings EvidenceSettings;

        /// <summary>Each phase: from ms, to ms (inclusive), step ms, receiver A's RSSI, receiver B's RSSI.</summary>
        public int[][] Phases;

        public byte ExpectedZone;

        /// <summary>The first decision from which the estimator said <see cref="ExpectedZone"/> to the end.</summary>
        public long ExpectedSettledAtMs;

        /// <summary>Plays the phases; returns the zone at the end and sets <paramref name="settledAtMs"/>.</summary>
        public byte Play(out long settledAtMs)
        {
            ZoneEstimator estimator = EvidenceSettings == null ? new ZoneEstimator(Settings) : null;
            EvidenceEstimator evidence = EvidenceSettings == null ? null : new EvidenceEstimator(EvidenceSettings);
            byte last = Zone.None;
            settledAtMs = 0;
            bool any = false;
            for (int p = 0; p < Phases.Length; p++)
            {
                int[] phase = Phases[p];
                for (long t = phase[0]; t <= phase[1]; t += phase[2])
                {
                    if (phase[3] != Silent)
                    {
                        Observe(estimator, evidence, 10, A, phase[3], t);
                    }

                    if (phase[4] != Silent)
                    {
                        Observe(estimator, evidence, 20, B, phase[4], t);
                    }

                    byte zone = estimator != null ? estimator.Update(t) : evidence.Update(t);
                    if (!any || zone != last)
                    {
                        settledAtMs = t;
                        last = zone;
                        any = true;
                    }
                }
            }

            return last;
        }

        private static void Observe(ZoneEstimator estimator, EvidenceEstimator evidence, int source, byte zone, int rssi, long t)
        {
            if (estimator != null)
            {
                estimator.Observe(source, zone, rssi, t);
            }
            else
            {
                evidence.Observe(source, zone, rssi, t);
            }
        }
    }

    /// <summary>The estimator's hysteresis (margin, dwell, the rising and clear ways) and staleness.</summary>
    public static class ZoneCases
    {
        private const int S = ZoneScenario.Silent;
        private const int Dwell = ZoneEstimatorSettings.DefaultDwellMs;
        private const int Stale = ZoneEstimatorSettings.DefaultStaleMs;

        public static readonly ZoneScenario[] Scenarios =
        {
            new ZoneScenario
            {
                // B 3 dB above A for a minute: inside the margin, never enough.
                Name = "a challenger inside the margin never takes over",
                Settings = new ZoneEstimatorSettings(),
                Phases = new[] { new[] { 0, 5000, 1000, -70, S }, new[] { 6000, 66000, 1000, -70, -67 } },
                ExpectedZone = ZoneScenario.A, ExpectedSettledAtMs = 0,
            },
            new ZoneScenario
            {
                // 7 dB ahead: beyond the 6 dB margin, short of a clear lead (8 dB), not rising (new, no trend).
                Name = "a marginal challenger takes over only after the full dwell",
                Settings = new ZoneEstimatorSettings(),
                Phases = new[] { new[] { 0, 9000, 1000, -70, S }, new[] { 10000, 20000, 1000, -70, -63 } },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 10000 + Dwell,
            },
            new ZoneScenario
            {
                // Walking from A into B with the clear way off: B leads and rises above its own trend at 11 s.
                Name = "a rising challenger that leads every zone wins before the dwell",
                Settings = new ZoneEstimatorSettings { ClearLeadDb = 0 },
                Phases = new[] { new[] { 0, 9000, 1000, -62, -80 }, new[] { 10000, 20000, 1000, -78, -58 } },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 11000,
            },
            new ZoneScenario
            {
                // With the rising way off: B heard first at 9 dB above A wins at once.
                Name = "a clear leader wins at once even without a rise",
                Settings = new ZoneEstimatorSettings { RisingLeadDb = 0 },
                Phases = new[] { new[] { 0, 9000, 1000, -70, S }, new[] { 10000, 20000, 1000, -70, -61 } },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 10000,
            },
            new ZoneScenario
            {
                // No smoothing, no quick ways: B leads by 10 dB, by only 2 dB at 7 s, then by 10 dB again.
                Name = "a break in the lead restarts the dwell",
                Settings = new ZoneEstimatorSettings { SmoothingAlpha = 1, RisingLeadDb = 0, ClearLeadDb = 0 },
                Phases = new[]
                {
                    new[] { 0, 4000, 1000, -70, -80 }, new[] { 5000, 6000, 1000, -70, -60 },
                    new[] { 7000, 7000, 1000, -70, -68 }, new[] { 8000, 15000, 1000, -70, -60 },
                },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 8000 + Dwell,
            },
            new ZoneScenario
            {
                Name = "a zone still stands at the stale time",
                Settings = new ZoneEstimatorSettings(),
                Phases = new[] { new[] { 1000, 1000, 1000, -60, S }, new[] { 1000 + Stale, 1000 + Stale, 1, S, S } },
                ExpectedZone = ZoneScenario.A, ExpectedSettledAtMs = 1000,
            },
            new ZoneScenario
            {
                Name = "a zone is unknown one millisecond after the stale time",
                Settings = new ZoneEstimatorSettings(),
                Phases = new[] { new[] { 1000, 1000, 1000, -60, S }, new[] { 1000 + Stale, 1000 + Stale + 1, 1, S, S } },
                ExpectedZone = Zone.None, ExpectedSettledAtMs = 1000 + Stale + 1,
            },
        };
    }

    /// <summary>
    /// The candidate evidence estimator (issue 17): a challenger's summed lead over the current zone, less
    /// the bias, against the switching cost, on a 500 ms grid; and staleness.
    /// </summary>
    public static class EvidenceCases
    {
        private const int S = ZoneScenario.Silent;
        private const int Stale = EvidenceEstimatorSettings.DefaultStaleMs;

        public static readonly ZoneScenario[] Scenarios =
        {
            new ZoneScenario
            {
                // B 5 dB above A for a minute: no more than the bias, so no evidence builds up.
                Name = "evidence: a challenger no further ahead than the bias never takes over",
                EvidenceSettings = new EvidenceEstimatorSettings(),
                Phases = new[] { new[] { 0, 5000, 500, -70, S }, new[] { 5500, 65500, 500, -70, -65 } },
                ExpectedZone = ZoneScenario.A, ExpectedSettledAtMs = 0,
            },
            new ZoneScenario
            {
                // No smoothing: B 10 dB ahead brings 10 - 5 (bias) + 4 (beyond the 6 dB quick lead) = 9 dB
                // of evidence a step; the third step (at 6.5 s, folding the readings of 6.0 s) passes the
                // 20 dB cost.
                Name = "evidence: a steady lead wins once its summed excess reaches the cost",
                EvidenceSettings = new EvidenceEstimatorSettings { SmoothingAlpha = 1 },
                Phases = new[] { new[] { 0, 4500, 500, -70, -90 }, new[] { 5000, 10000, 500, -70, -60 } },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 6500,
            },
            new ZoneScenario
            {
                // B heard first, alone, at 2.0 s: the zone is named by that reading, before the first step.
                Name = "evidence: from unknown the first reading names its zone at once",
                EvidenceSettings = new EvidenceEstimatorSettings(),
                Phases = new[] { new[] { 2000, 4000, 500, S, -70 } },
                ExpectedZone = ZoneScenario.B, ExpectedSettledAtMs = 2000,
            },
            new ZoneScenario
            {
                Name = "evidence: a zone is unknown one millisecond after the stale time",
                EvidenceSettings = new EvidenceEstimatorSettings(),
                Phases = new[] { new[] { 1000, 1000, 1000, -60, S }, new[] { 1000 + Stale, 1000 + Stale + 1, 1, S, S } },
                ExpectedZone = Zone.None, ExpectedSettledAtMs = 1000 + Stale + 1,
            },
        };
    }
}
