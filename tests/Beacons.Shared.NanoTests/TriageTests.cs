using Beacons.Cases;
using Beacons.Triage;
using nanoFramework.TestFramework;

namespace Beacons.Shared.NanoTests
{
    [TestClass]
    public class TriageTests
    {
        [TestMethod]
        public void EveryGestureRunLeavesTheTagWhereItShould()
        {
            for (int i = 0; i < TriageCases.Runs.Length; i++)
            {
                GestureRun run = TriageCases.Runs[i];
                TriageTag tag = run.Play();
                Assert.AreEqual((int)run.Mode, (int)tag.Mode, run.Name + ": mode");
                Assert.AreEqual((int)run.Pending, (int)tag.Pending, run.Name + ": pending colour");
                Assert.AreEqual((int)run.Committed, (int)tag.Committed, run.Name + ": committed colour");
                Assert.AreEqual(run.Changes, (int)tag.Changes, run.Name + ": changes");
            }
        }
    }
}
