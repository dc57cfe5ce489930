using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// Random drills with fixed seeds: random settings, sources, readings, silences and Update rates.
/// After every Update the estimator must name a zone some source reported, be unknown exactly when
/// nothing was heard within the stale time, and never move from one zone to another sooner than the
/// dwell time after the previous change when only the margin and dwell decide, nor sooner than the
/// decision interval when the quick ways (rising leader, clear leader) are on.
/// </summary>
public class ZoneEstimatorRandomTests
{
    [Fact]
    public void Random_drills_keep_the_estimators_promises()
    {
        for (int seed = 1; seed <= 400; seed++)
        {
            RunDrill(seed);
        }
    }

    private static void RunDrill(int seed)
    {
        var random = new Random(seed);
        var settings = new ZoneEstimatorSettings
        {
            MaxSources = Pick(random, 1, 2, 4, 16),
            SmoothingAlpha = Pick(random, 0.2, 0.5, 1.0),
            HoldMs = Pick(random, 0, 1000, 3000),
            DecayDbPerSecond = Pick(random, 0.0, 1.0, 5.0),
            MarginDb = Pick(random, 0.0, 2.0, 4.0, 8.0),
            DwellMs = Pick(random, 0, 1000, 3000, 7000),
            StaleMs = Pick(random, 2000, 5000, 20000),
            TrendAlpha = Pick(random, 0.1, 0.2, 1.0),
            RisingLeadDb = Pick(random, 0.0, 2.0, 4.0),
            RiseDb = Pick(random, 0.0, 5.0),
            ClearLeadDb = Pick(random, 0.0, 8.0, 12.0),
            NoiseReferenceDb = Pick(random, 0.0, 2.5),
            DecisionIntervalMs = Pick(random, 0, 500, 1000),
        };
        bool quick = settings.RisingLeadDb > 0 || settings.ClearLeadDb > 0;
        long shortest = quick ? settings.DecisionIntervalMs : settings.DwellMs;
        var estimator = new ZoneEstimator(settings);

        int sourceCount = random.Next(1, 9);
        var sourceZones = new byte[sourceCount];
        var sourceMeans = new int[sourceCount];
        for (int s = 0; s < sourceCount; s++)
        {
            sourceZones[s] = (byte)random.Next(1, 5);
            sourceMeans[s] = random.Next(-95, -45);
        }

        var reported = new HashSet<byte>();
        long now = random.Next(0, 1_000_000);
        long lastHeard = long.MinValue;
        byte lastZone = Zone.None;
        long lastChange = long.MinValue;
        bool unknownSinceLastAnswer = false;
        string context = "seed " + seed;

        for (int step = 0; step < 400; step++)
        {
            now += random.Next(10) == 0 ? random.Next(0, 40_000) : random.Next(0, 2500);
            if (random.Next(20) == 0)
            {
                sourceMeans[random.Next(sourceCount)] = random.Next(-95, -45); // someone walks
            }

            for (int s = 0; s < sourceCount; s++)
            {
                if (random.Next(3) == 0)
                {
                    continue; // not heard this time
                }

                estimator.Observe(100 + s, sourceZones[s], sourceMeans[s] + random.Next(-8, 9), now);
                reported.Add(sourceZones[s]);
                lastHeard = now;
                unknownSinceLastAnswer |= estimator.Zone == Zone.None;
            }

            if (random.Next(5) == 0)
            {
                continue; // this time the caller did not call Update
            }

            byte zone = estimator.Update(now);
            string at = context + ", step " + step + ", t " + now;
            Assert.True(zone == estimator.Zone, at + ": Update's answer differs from Zone");

            bool fresh = lastHeard != long.MinValue && now - lastHeard <= settings.StaleMs;
            Assert.True(fresh == (zone != Zone.None), at + ": unknown must mean nothing heard within the stale time (zone " + zone + ")");
            Assert.True(zone == Zone.None || reported.Contains(zone), at + ": named zone " + zone + " that no source reported");
            Assert.True(estimator.ZoneSinceMs <= now, at + ": ZoneSinceMs in the future");

            if (zone != lastZone)
            {
                if (zone != Zone.None && lastZone != Zone.None && !unknownSinceLastAnswer)
                {
                    Assert.True(now - lastChange >= shortest,
                        at + ": moved " + lastZone + " -> " + zone + " after " + (now - lastChange) + " ms, expected at least " + shortest);
                }

                lastChange = now;
                lastZone = zone;
            }
            else if (unknownSinceLastAnswer && zone != Zone.None)
            {
                lastChange = now; // it went unknown between two answers and came back to the same zone
            }

            unknownSinceLastAnswer = false;
        }
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
