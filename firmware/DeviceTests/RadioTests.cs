using System;
using System.Collections;
using System.Threading;
using Beacons.Devices;
using Beacons.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.TestFramework;

namespace Beacons.DeviceTests
{
    /// <summary>
    /// What the firmware assumes of the Bluetooth stack, checked on the board: publishers restart with a
    /// new payload, the watcher stops and starts again on demand and reports each address once per
    /// session, and the adverts it hands over rebuild into frames our decoder reads. The figures printed
    /// (restart costs) are what scan.fresh.ms and the badge's window lengths should be set from. Every
    /// watcher starts through BleStack.StartScanning: a test before may have left the stack a server.
    /// Tests that need frames on the air skip themselves unless a Beacons anchor or badge is nearby.
    /// </summary>
    [TestClass]
    public class RadioTests
    {
        private const ushort TestExercise = 9;
        private static readonly MacKey TestKey = MacKey.TryParseHex("000102030405060708090a0b0c0d0e0f");

        [TestMethod]
        public void A_publisher_restarts_ten_times_with_a_new_payload_each_time()
        {
            Frame frame = new Frame();
            frame.Kind = FrameKind.Anchor;
            frame.ExerciseId = TestExercise;
            frame.DeviceId = 999;
            frame.Anchor.Zone = 1;
            frame.Anchor.RssiAt1m = -59;
            byte[] data = new byte[FrameLayout.MaxAdvertisingData];
            long worst = 0;
            long total = 0;

            for (uint i = 0; i < 10; i++)
            {
                frame.Counter = i;
                int length = FrameWriter.WriteManufacturerData(frame, FrameLayout.DefaultCompanyId, TestKey, data, 0);
                byte[] payload = new byte[length - 2];
                Array.Copy(data, 2, payload, 0, payload.Length);
                BluetoothLEAdvertisement advertisement = new BluetoothLEAdvertisement();
                advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData(FrameLayout.DefaultCompanyId, new nanoFramework.Device.Bluetooth.Buffer(payload)));

                long began = Environment.TickCount64;
                BluetoothLEAdvertisementPublisher publisher = new BluetoothLEAdvertisementPublisher(advertisement);
                bool started = BleStack.StartAdvertising(publisher);
                long took = Environment.TickCount64 - began;
                total += took;
                worst = took > worst ? took : worst;
                Thread.Sleep(300);
                publisher.Stop();
                Assert.IsTrue(started, "publisher " + i.ToString() + " is not advertising (Start() does not throw when refused)");
            }

            OutputHelper.WriteLine("publisher start: mean " + (total / 10).ToString() + " ms, worst " + worst.ToString() + " ms");
        }

        [TestMethod]
        public void The_watcher_restarts_twenty_times_and_reports_what_a_restart_costs()
        {
            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Passive;
            BleStack.StartScanning(watcher);
            long worst = 0;
            long total = 0;
            try
            {
                for (int i = 0; i < 20; i++)
                {
                    Thread.Sleep(300);
                    long began = Environment.TickCount64;
                    Restart(watcher);
                    long took = Environment.TickCount64 - began;
                    total += took;
                    worst = took > worst ? took : worst;
                    Assert.IsTrue(watcher.Status == BluetoothLEAdvertisementWatcherStatus.Started, "watcher did not start again after restart " + i.ToString());
                }
            }
            finally
            {
                watcher.Stop();
            }

            OutputHelper.WriteLine("watcher restart: mean " + (total / 20).ToString() + " ms, worst " + worst.ToString() + " ms (each one a whole Bluetooth stack restart; docs/receiver.md)");
        }

        [TestMethod]
        public void The_watcher_reports_an_address_once_per_session_and_again_after_a_restart()
        {
            Hashtable firstSession = Listen(3000, 0);
            if (firstSession.Count == 0)
            {
                Assert.SkipTest("nothing advertising nearby");
            }

            int most = 0;
            foreach (object count in firstSession.Values)
            {
                most = (int)count > most ? (int)count : most;
            }

            OutputHelper.WriteLine(firstSession.Count.ToString() + " addresses in one 3 s session, at most " + most.ToString() + " reports each");
            Assert.AreEqual(1, most, "the watcher reported an address more than once in a session: duplicate filtering is off, and scan cycling is not needed");

            Hashtable cycled = Listen(3000, 500);
            int repeated = 0;
            foreach (object count in cycled.Values)
            {
                if ((int)count > 1)
                {
                    repeated++;
                }
            }

            OutputHelper.WriteLine(repeated.ToString() + " of " + cycled.Count.ToString() + " addresses reported more than once with a restart every 500 ms");
            Assert.IsTrue(repeated > 0, "restarting the watcher did not bring addresses back");
        }

        [TestMethod]
        public void Heard_adverts_rebuild_into_frames_the_decoder_reads()
        {
            ushort company = TestBoard.Configuration != null ? TestBoard.Configuration.CompanyId : FrameLayout.DefaultCompanyId;
            AdvertBytes sections = new AdvertBytes(company);
            byte[] advert = new byte[FrameLayout.MaxAdvertisingData];
            Frame frame = new Frame();
            IBeacon iBeacon = new IBeacon();
            int ours = 0;
            int verified = 0;
            MacKey key = TestBoard.Configuration != null ? TestBoard.Configuration.FrameKey : null;

            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Passive;
            watcher.Received += (sender, args) =>
            {
                int length = sections.Write(args.Advertisement, advert);
                if (length > 0 && AdvertDecoder.Decode(advert, 0, length, company, frame, iBeacon) == DecodeStatus.Ours)
                {
                    ours++;
                    if (key != null && FrameMac.Verify(key, advert, frame))
                    {
                        verified++;
                    }
                }
            };

            BleStack.StartScanning(watcher);
            Thread.Sleep(10000);
            watcher.Stop();

            if (ours == 0)
            {
                Assert.SkipTest("no Beacons frame heard in 10 s: run an anchor or a badge next to this board");
            }

            OutputHelper.WriteLine(ours.ToString() + " frames of ours decoded, " + verified.ToString() + " verified with this board's key");
            Assert.IsTrue(key == null || verified > 0, "frames were heard but none verified with the configured key (another exercise nearby?)");
        }

        [TestMethod]
        public void Switching_from_advertising_to_scanning_and_back_is_timed()
        {
            // The badge's self-location switches roles like this; docs/badge.md sizes its windows from this figure.
            BluetoothLEAdvertisement advertisement = new BluetoothLEAdvertisement();
            advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData(FrameLayout.DefaultCompanyId, new nanoFramework.Device.Bluetooth.Buffer(new byte[] { 0x13 })));
            BluetoothLEAdvertisementPublisher publisher = new BluetoothLEAdvertisementPublisher(advertisement);
            Assert.IsTrue(BleStack.StartAdvertising(publisher), "the publisher did not start");
            Thread.Sleep(500);

            // The badge's way: stop advertising, stop the server role, start the watcher as a client.
            long began = Environment.TickCount64;
            publisher.Stop();
            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            BleStack.StartScanning(watcher);
            long toScan = Environment.TickCount64 - began;
            Thread.Sleep(500);

            began = Environment.TickCount64;
            watcher.Stop();
            publisher = new BluetoothLEAdvertisementPublisher(advertisement);
            bool advertising = BleStack.StartAdvertising(publisher);
            long toAdvertise = Environment.TickCount64 - began;
            Thread.Sleep(300);
            publisher.Stop();

            OutputHelper.WriteLine("advertise->scan " + toScan.ToString() + " ms, scan->advertise " + toAdvertise.ToString() + " ms");
            Assert.IsTrue(advertising, "the publisher did not come back after scanning");
        }

        /// <summary>Stop() returns with the stack down (no status to wait for); Start() brings it up again.</summary>
        private static void Restart(BluetoothLEAdvertisementWatcher watcher)
        {
            watcher.Stop();
            watcher.Start();
        }

        /// <summary>Counts reports per address for <paramref name="ms"/>, restarting every <paramref name="restartEveryMs"/> (0: never).</summary>
        private static Hashtable Listen(int ms, int restartEveryMs)
        {
            Hashtable counts = new Hashtable();
            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Passive;
            watcher.Received += (sender, args) =>
            {
                object key = args.BluetoothAddress;
                counts[key] = counts.Contains(key) ? (int)counts[key] + 1 : 1;
            };

            BleStack.StartScanning(watcher);
            long end = Environment.TickCount64 + ms;
            long nextRestart = restartEveryMs > 0 ? Environment.TickCount64 + restartEveryMs : long.MaxValue;
            while (Environment.TickCount64 < end)
            {
                Thread.Sleep(20);
                if (Environment.TickCount64 >= nextRestart)
                {
                    Restart(watcher);
                    nextRestart = Environment.TickCount64 + restartEveryMs;
                }
            }

            watcher.Stop();
            return counts;
        }
    }
}
