using System;
using System.Collections;
using System.Threading;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Protocol;
using Beacons.Receiver;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.TestFramework;

namespace Beacons.DeviceTests
{
    /// <summary>
    /// Half an hour of the receiver's scan sessions on the board: the real ScanCycle with the receiver's
    /// freshness target deciding when to restart the watcher (each restart a whole Bluetooth stack
    /// restart), counting restarts, failed starts, what a restart costs, and each device's reports and
    /// longest gap. It checks the stack survives some 1,500 restarts and prints the figures
    /// docs/receiver.md's trade-off table is built on. Run it with Beacons badges or anchors nearby; it
    /// counts every address it hears, and the per-device lines are the devices of ours.
    /// </summary>
    [TestClass]
    public class SoakTests
    {
        private const long SoakMs = 30L * 60 * 1000;
        private const int LoopMs = 20;
        private const int ProgressMs = 60000;

        [TestMethod]
        public void Thirty_minutes_of_scan_sessions_count_restarts_failed_starts_and_reports_per_device()
        {
            ushort company = TestBoard.Configuration != null ? TestBoard.Configuration.CompanyId : FrameLayout.DefaultCompanyId;
            int freshMs = TestBoard.Configuration != null && TestBoard.Configuration.ScanFreshMs > 0
                ? TestBoard.Configuration.ScanFreshMs : ConfigurationKeys.DefaultScanFreshMs;
            object gate = new object();
            ScanCycle cycle = new ScanCycle(freshMs);
            Hashtable devices = new Hashtable();
            AdvertBytes sections = new AdvertBytes(company);
            byte[] advert = new byte[FrameLayout.MaxAdvertisingData];
            Frame frame = new Frame();
            IBeacon iBeacon = new IBeacon();
            int reportsAll = 0;

            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Passive;
            watcher.Received += (sender, args) =>
            {
                long at = Environment.TickCount64;
                int length = sections.Write(args.Advertisement, advert);
                bool ours = length > 0 && AdvertDecoder.Decode(advert, 0, length, company, frame, iBeacon) == DecodeStatus.Ours;
                lock (gate)
                {
                    reportsAll++;
                    if (!ours)
                    {
                        return;
                    }

                    cycle.Heard(at);
                    object key = args.BluetoothAddress;
                    Tally tally = (Tally)devices[key];
                    if (tally == null)
                    {
                        tally = new Tally();
                        devices[key] = tally;
                    }
                    else if (at - tally.LastMs > tally.WorstGapMs)
                    {
                        tally.WorstGapMs = at - tally.LastMs;
                    }

                    tally.LastMs = at;
                    tally.Reports++;
                }
            };

            // A test before may have left the stack a server; from here on the receiver's own way.
            BluetoothLEServer.Instance.Stop();
            long began = Environment.TickCount64;
            long end = began + SoakMs;
            long nextProgress = began + ProgressMs;
            while (Environment.TickCount64 < end)
            {
                long now = Environment.TickCount64;
                ScanSessions.Step(watcher, cycle, gate, now); // the receiver's own code

                if (now >= nextProgress)
                {
                    nextProgress += ProgressMs;
                    lock (gate)
                    {
                        OutputHelper.WriteLine(((now - began) / 60000).ToString() + " min: " + cycle.Restarts.ToString() + " restarts, "
                            + cycle.StartFailures.ToString() + " failed starts, " + devices.Count.ToString() + " devices of ours, free memory "
                            + nanoFramework.Runtime.Native.GC.Run(false).ToString() + " bytes");
                    }
                }

                Thread.Sleep(LoopMs);
            }

            watcher.Stop();
            long minutes = (Environment.TickCount64 - began) / 60000;
            lock (gate)
            {
                OutputHelper.WriteLine("soak " + minutes.ToString() + " min, scan.fresh.ms " + freshMs.ToString() + ": " + cycle.Restarts.ToString()
                    + " restarts (" + (cycle.Restarts * 60 / (minutes < 1 ? 1 : minutes)).ToString() + "/h), " + cycle.StartFailures.ToString()
                    + " failed starts, restart mean " + cycle.MeanRestartMs.ToString() + " ms, worst " + cycle.WorstRestartMs.ToString()
                    + " ms, " + reportsAll.ToString() + " reports of any address");
                foreach (DictionaryEntry entry in devices)
                {
                    Tally t = (Tally)entry.Value;
                    OutputHelper.WriteLine("device " + ((ulong)entry.Key).ToString("X12") + ": " + t.Reports.ToString() + " reports ("
                        + (t.Reports / (minutes < 1 ? 1 : minutes)).ToString() + "/min), longest gap " + t.WorstGapMs.ToString() + " ms");
                }

                Assert.IsTrue(cycle.Restarts > 0 || devices.Count == 0, "devices of ours were heard but the watcher never restarted");
                Assert.IsTrue(cycle.StartFailures * 100 <= cycle.Sessions + cycle.StartFailures, "more than 1 % of the watcher's starts failed");
            }
        }

        private sealed class Tally
        {
            public int Reports;
            public long LastMs;
            public long WorstGapMs;
        }
    }
}
