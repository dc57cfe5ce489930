using Beacons.Cases;
using Beacons.Configuration;
using nanoFramework.TestFramework;

namespace Beacons.Shared.NanoTests
{
    [TestClass]
    public class ConfigurationTests
    {
        [TestMethod]
        public void EveryExampleFileParses()
        {
            string[] kinds = { "badge", "tag", "anchor", "receiver" };
            for (int i = 0; i < kinds.Length; i++)
            {
                ConfigurationResult r = ConfigurationParser.Parse(ConfigurationCases.FileOf(kinds[i]));
                Assert.IsTrue(r.IsValid, kinds[i] + ": " + r.Error);
            }
        }

        [TestMethod]
        public void AMissingRequiredKeyIsNamed()
        {
            for (int i = 0; i < ConfigurationCases.RequiredKeys.Length; i++)
            {
                string kind = ConfigurationCases.RequiredKeys[i][0];
                string key = ConfigurationCases.RequiredKeys[i][1];
                ConfigurationResult r = ConfigurationParser.Parse(ConfigurationCases.Without(ConfigurationCases.FileOf(kind), key));
                Assert.IsFalse(r.IsValid, kind + " without " + key);
                Assert.AreEqual(key, r.Key, kind + " without " + key);
                Assert.IsTrue(r.Error.StartsWith("'" + key + "' is missing"), kind + " without " + key + ": " + r.Error);
            }
        }

        [TestMethod]
        public void AnOutOfRangeNumberNamesItsLineKeyAndRange()
        {
            for (int i = 0; i < ConfigurationCases.OutOfRange.Length; i++)
            {
                string[] c = ConfigurationCases.OutOfRange[i];
                string text = ConfigurationCases.Set(ConfigurationCases.FileOf(c[0]), c[1], c[2]);
                ConfigurationResult r = ConfigurationParser.Parse(text);
                int line = ConfigurationCases.LineOf(text, c[1]);
                Assert.AreEqual(ConfigurationCases.OutOfRangeError(line, c[1], c[2], c[3]), r.Error, c[0] + " " + c[1] + "=" + c[2]);
            }
        }

        [TestMethod]
        public void AMalformedReceiverValueIsExplained()
        {
            for (int i = 0; i < ConfigurationCases.MalformedReceiverValues.Length; i++)
            {
                string[] c = ConfigurationCases.MalformedReceiverValues[i];
                string text = ConfigurationCases.Set(ConfigurationCases.Receiver(), c[0], c[1]);
                ConfigurationResult r = ConfigurationParser.Parse(text);
                Assert.AreEqual(c[0], r.Key, c[0] + "=" + c[1]);
                Assert.IsTrue(r.Error.IndexOf(c[2]) >= 0, c[0] + "=" + c[1] + ": " + r.Error);
                Assert.IsTrue(r.Error.StartsWith("line " + ConfigurationCases.LineOf(text, c[0]) + ": "), r.Error);
            }
        }

        [TestMethod]
        public void AnEmptyFileIsAnError()
        {
            for (int i = 0; i < ConfigurationCases.EmptyFiles.Length; i++)
            {
                ConfigurationResult r = ConfigurationParser.Parse(ConfigurationCases.EmptyFiles[i]);
                Assert.AreEqual("the configuration file is empty", r.Error, "case " + i);
                Assert.AreEqual(0, r.Line, "case " + i);
            }
        }
    }
}
