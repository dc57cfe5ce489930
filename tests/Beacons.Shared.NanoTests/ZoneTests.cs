using Beacons.Cases;
using nanoFramework.TestFramework;

namespace Beacons.Shared.NanoTests
{
    [TestClass]
    public class ZoneTests
    {
        [TestMethod]
        public void EveryHysteresisAndStalenessScenarioEndsWhereItShould()
        {
            PlayAll(ZoneCases.Scenarios);
        }

        [TestMethod]
        public void EveryEvidenceEstimatorScenarioEndsWhereItShould()
        {
            PlayAll(EvidenceCases.Scenarios);
        }

        private static void PlayAll(ZoneScenario[] scenarios)
        {
            for (int i = 0; i < scenarios.Length; i++)
            {
                ZoneScenario scenario = scenarios[i];
                long settledAt;
                byte zone = scenario.Play(out settledAt);
                Assert.AreEqual(scenario.ExpectedZone, zone, scenario.Name + ": zone");
                Assert.AreEqual(scenario.ExpectedSettledAtMs, settledAt, scenario.Name + ": settled at");
            }
        }
    }
}
