using System.IO;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Protocol;
using nanoFramework.TestFramework;

namespace Beacons.DeviceTests
{
    /// <summary>The internal storage: counters survive a "reboot" (a new store on the same files), and the deployed configuration reads.</summary>
    [TestClass]
    public class StorageTests
    {
        private const string A = "I:\\test-counter-a.bin";
        private const string B = "I:\\test-counter-b.bin";

        [TestMethod]
        public void A_counter_keeps_rising_across_a_new_store_on_the_same_files()
        {
            Delete();
            try
            {
                RisingCounter first = new RisingCounter(new FileCounterStore(A, B), 16);
                uint last = 0;
                for (int i = 0; i < 40; i++)
                {
                    last = first.Next();
                }

                FileCounterStore store = new FileCounterStore(A, B);
                RisingCounter second = new RisingCounter(store, 16);
                uint next = second.Next();
                Assert.IsTrue(next > last, "counter went from " + last.ToString() + " back to " + next.ToString());
                Assert.AreEqual(0, store.SaveFailures, "saves failed on the internal storage");
            }
            finally
            {
                Delete();
            }
        }

        [TestMethod]
        public void The_deployed_configuration_is_valid()
        {
            if (!File.Exists(DeviceStorage.ConfigurationPath))
            {
                Assert.SkipTest("no configuration deployed (docs/provisioning.md)");
            }

            ConfigurationResult result = ConfigurationFile.Load(DeviceStorage.ConfigurationPath);
            Assert.IsTrue(result.IsValid, result.Error);
            OutputHelper.WriteLine("configuration: " + ConfigurationWords.KindName(result.Configuration.Kind) + " " + result.Configuration.DeviceId.ToString());
        }

        private static void Delete()
        {
            if (File.Exists(A))
            {
                File.Delete(A);
            }

            if (File.Exists(B))
            {
                File.Delete(B);
            }
        }
    }
}
