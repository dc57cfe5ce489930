using Beacons.Cases;
using Beacons.Protocol;
using Beacons.Receiver;
using nanoFramework.TestFramework;

namespace Beacons.Shared.NanoTests
{
    /// <summary>The receiver's batching limits inside nanoCLR, every datagram read back with the protocol's reader.</summary>
    [TestClass]
    public class RelayTests
    {
        [TestMethod]
        public void DatagramsHoldAsManyReportsAsFitAndNeverExceedTheLimit()
        {
            for (int c = 0; c < RelayCases.AdvertLengths.Length; c++)
            {
                int length = RelayCases.AdvertLengths[c];
                var relay = RelayCases.NewRelay(new MemoryCounterStore(), 200, 10000, 16, 0);
                const int heard = 100;
                for (int i = 0; i < heard; i++)
                {
                    relay.Hear((ulong)i, -70, RelayCases.BadgeAdvert((ushort)(i + 1), 1, length), 0, length, 0);
                }

                relay.Flush(0);
                byte[] buffer = new byte[DatagramLayout.MaxLength + 64];
                var datagram = new Datagram();
                int reports = 0;
                int datagrams = 0;
                int taken;
                while ((taken = relay.Take(buffer, 0)) > 0)
                {
                    relay.Delivered(true);
                    string what = length + "-byte adverts, datagram " + datagrams;
                    Assert.IsTrue(taken <= DatagramLayout.MaxLength, what + " is " + taken + " bytes");
                    Assert.AreEqual((int)DatagramStatus.Ok, (int)DatagramReader.Read(buffer, taken, datagram), what);
                    Assert.IsTrue(DatagramReader.Verify(RelayCases.ReceiverKey, buffer, datagram), what + " verifies");
                    if (datagram.Kind != DatagramKind.Reports)
                    {
                        continue;
                    }

                    if (datagrams == 0)
                    {
                        Assert.AreEqual(RelayCases.ReportsPerFullDatagram[c], datagram.ReportCount, what);
                    }

                    reports += datagram.ReportCount;
                    datagrams++;
                }

                Assert.AreEqual(heard, reports, length + "-byte adverts: every report leaves");
            }
        }

        [TestMethod]
        public void ABatchWaitsForTheFlushTimeCountedFromItsFirstReport()
        {
            var relay = RelayCases.NewRelay(new MemoryCounterStore(), RelayCases.FlushMs, 10000, 8, 0);
            byte[] buffer = new byte[DatagramLayout.MaxLength];
            relay.Poll(0);
            while (relay.Take(buffer, 0) > 0)
            {
                relay.Delivered(true); // the start-up heartbeat
            }

            for (int i = 0; i < RelayCases.FlushHeardAtMs.Length; i++)
            {
                long at = RelayCases.FlushHeardAtMs[i];
                relay.Poll(at);
                relay.Hear((ulong)(i + 1), -70, RelayCases.BadgeAdvert((ushort)(i + 1), 1, 0), 0, 24, at);
            }

            relay.Poll(RelayCases.FlushLeavesAtMs - 1);
            Assert.AreEqual(0, relay.Take(buffer, RelayCases.FlushLeavesAtMs - 1), "nothing before the flush time");

            relay.Poll(RelayCases.FlushLeavesAtMs);
            int length = relay.Take(buffer, RelayCases.FlushLeavesAtMs);
            var datagram = new Datagram();
            Assert.AreEqual((int)DatagramStatus.Ok, (int)DatagramReader.Read(buffer, length, datagram), "the batch");
            Assert.AreEqual(RelayCases.FlushAgesMs.Length, datagram.ReportCount, "reports");
            int position = datagram.ReportsOffset;
            var report = new HeardReport();
            for (int i = 0; i < datagram.ReportCount; i++)
            {
                DatagramReader.NextReport(buffer, ref position, report);
                Assert.AreEqual(RelayCases.FlushAgesMs[i], (int)report.AgeMs, "age of report " + i);
            }
        }
    }
}
