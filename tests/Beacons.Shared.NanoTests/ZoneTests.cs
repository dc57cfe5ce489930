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
            for (int i = 0; i < ZoneCases.Scenarios.Length; i++)
            {
                ZoneScenario scenario = ZoneCases.Scenarios[i];
                long settledAt;
                byte zone = scenario.Play(out settledAt);
                Assert.AreEqual(scenario.ExpectedZone, zone, scenario.Name + ": zone");
                Assert.AreEqual(scenario.ExpectedSettledAtMs, settledAt, scenario.Name + ": settled at");
            }
        }

        [TestMethod]
        public void EveryEvidenceEstimatorScenarioEndsWhereItShould()
        {
            for (int i = 0; i < EvidenceCases.Scenarios.Length; i++)
            {
                ZoneScenario scenario = EvidenceCases.Scenarios[i];
                long settledAt;
                byte zone = scenario.Play(out settledAt);
                Assert.AreEqual(scenario.ExpectedZone, zone, scenario.Name + ": zone");
                Assert.AreEqual(scenario.ExpectedSettledAtMs, settledAt, scenario.Name + ": settled at");
            }
        }
    }
}
