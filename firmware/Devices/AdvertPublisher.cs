using System;
using System.Diagnostics;
using Beacons.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Devices
{
    /// <summary>
    /// Puts one frame on the air. nanoFramework's publisher cannot change a running advertisement, so
    /// each new payload stops the old publisher and starts a new one. Shared by the tag, badge and anchor apps.
    /// </summary>
    public sealed class AdvertPublisher
    {
        private readonly ushort _companyId;
        private readonly MacKey _key;
        private readonly byte[] _data = new byte[FrameLayout.MaxAdvertisingData];
        private BluetoothLEAdvertisementPublisher _publisher;

        public AdvertPublisher(ushort companyId, MacKey key)
        {
            _companyId = companyId;
            _key = key;
        }

        /// <summary>True while a publisher is on the air.</summary>
        public bool OnAir
        {
            get { return _publisher != null && _publisher.Status == BluetoothLEAdvertisementPublisherStatus.Started; }
        }

        /// <summary>Writes the frame (MAC included) and restarts the publisher with it; false when the radio refused.</summary>
        public bool Publish(Frame frame)
        {
            int length = FrameWriter.WriteManufacturerData(frame, _companyId, _key, _data, 0);
            return Publish(_data, length);
        }

        /// <summary>
        /// Restarts the publisher with <paramref name="manufacturerData"/> (company ID first, as on the air);
        /// true only once the radio reports it is advertising: a refused start does not throw.
        /// </summary>
        public bool Publish(byte[] manufacturerData, int length)
        {
            try
            {
                Stop();

                // The publisher writes the company ID itself: it gets the bytes after it.
                byte[] payload = new byte[length - 2];
                Array.Copy(manufacturerData, 2, payload, 0, payload.Length);
                BluetoothLEAdvertisement advertisement = new BluetoothLEAdvertisement();
                advertisement.Flags = BluetoothLEAdvertisementFlags.GeneralDiscoverableMode | BluetoothLEAdvertisementFlags.ClassicNotSupported;
                advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData(_companyId, new nanoFramework.Device.Bluetooth.Buffer(payload)));

                BluetoothLEAdvertisementPublisher publisher = new BluetoothLEAdvertisementPublisher(advertisement);
                _publisher = publisher; // stopped next time even if it never started
                if (!BleStack.StartAdvertising(publisher))
                {
                    Debug.WriteLine("beacons: publisher refused: status " + ((int)publisher.Status).ToString());
                    return false;
                }

                return true;
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: publisher failed: " + e.Message);
                return false;
            }
        }

        /// <summary>Takes the device off the air (before scanning, or before the next payload).</summary>
        public void Stop()
        {
            if (_publisher == null)
            {
                return;
            }

            BluetoothLEAdvertisementPublisher publisher = _publisher;
            _publisher = null;
            try
            {
                publisher.Stop();
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: publisher stop failed: " + e.Message);
            }
        }
    }
}
