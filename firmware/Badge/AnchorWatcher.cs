using System;
using System.Collections;
using System.Diagnostics;
using Beacons.Badge;
using Beacons.Devices;
using Beacons.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.BadgeApp
{
    /// <summary>
    /// The badge's scanner: while a scan window is open it hands every manufacturer-data section with
    /// our company ID to the <see cref="SelfLocator"/>, which keeps the authentic anchor frames. Runs on
    /// the watcher's thread; SelfLocator.Hear is the one call made for that.
    /// </summary>
    public sealed class AnchorWatcher
    {
        private readonly SelfLocator _locator;
        private readonly ushort _companyId;

        // An anchor frame's bytes after the company ID; other lengths cannot be anchors and are skipped.
        private readonly byte[] _data = new byte[FrameLayout.PayloadLength(FrameKind.Anchor)];
        private BluetoothLEAdvertisementWatcher _watcher;

        public AnchorWatcher(SelfLocator locator, ushort companyId)
        {
            _locator = locator;
            _companyId = companyId;
        }

        public bool Running
        {
            get { return _watcher != null; }
        }

        /// <summary>
        /// Starts a scan session; false when the radio refused. The publisher left the stack in server
        /// mode, so the server is stopped first (BleStack): the stack comes down and up again as a client.
        /// </summary>
        public bool Start()
        {
            try
            {
                BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
                watcher.ScanningMode = BluetoothLEScanningMode.Passive;
                watcher.Received += OnReceived;
                BleStack.StartScanning(watcher);
                _watcher = watcher;
                return true;
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: watcher failed: " + e.Message);
                return false;
            }
        }

        public void Stop()
        {
            if (_watcher == null)
            {
                return;
            }

            BluetoothLEAdvertisementWatcher watcher = _watcher;
            _watcher = null;
            try
            {
                watcher.Received -= OnReceived;
                watcher.Stop();
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: watcher stop failed: " + e.Message);
            }
        }

        /// <summary>
        /// A new scan session: the ESP32 reports each address once per session, so restarting hears the
        /// anchors again. Stop() takes the whole Bluetooth stack down and Start() brings it up again.
        /// </summary>
        public bool Restart()
        {
            Stop();
            return Start();
        }

        private void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            // The parsed list itself: GetManufacturerDataByCompanyId would allocate a list and an enumerator per advert.
            ArrayList sections = args.Advertisement.ManufacturerData;
            for (int i = 0; i < sections.Count; i++)
            {
                BluetoothLEManufacturerData section = (BluetoothLEManufacturerData)sections[i];
                if (section.CompanyId != _companyId || section.Data == null || section.Data.Length != _data.Length)
                {
                    continue;
                }

                DataReader.FromBuffer(section.Data).ReadBytes(_data);
                _locator.Hear(_companyId, _data, _data.Length, args.RawSignalStrengthInDBm, Environment.TickCount64);
            }
        }
    }
}
