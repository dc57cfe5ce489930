using System;
using System.Collections;
using Beacons.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Devices
{
    /// <summary>
    /// Rebuilds an advert's raw advertising data from what the nanoFramework watcher hands over (it
    /// gives data sections, not bytes), so the receiver forwards exactly the AD structures that were on
    /// the air and the gateway decodes them with the same decoder as everywhere else.
    /// </summary>
    public sealed class AdvertBytes
    {
        // DataReader.ReadBytes fills a whole array: one reusable array per section length.
        private readonly byte[][] _scratch = new byte[FrameLayout.MaxAdvertisingData + 1][];

        public AdvertBytes()
        {
            for (int i = 0; i < _scratch.Length; i++)
            {
                _scratch[i] = new byte[i];
            }
        }

        /// <summary>Writes the AD structures into <paramref name="into"/> and returns their length, or -1 when they exceed a legacy advert.</summary>
        public int Write(BluetoothLEAdvertisement advertisement, byte[] into)
        {
            ArrayList sections = advertisement.DataSections;
            int p = 0;
            for (int i = 0; i < sections.Count; i++)
            {
                BluetoothLEAdvertisementDataSection section = (BluetoothLEAdvertisementDataSection)sections[i];
                int n = section.Data == null ? 0 : (int)section.Data.Length;
                if (p + 2 + n > FrameLayout.MaxAdvertisingData)
                {
                    return -1;
                }

                into[p] = (byte)(n + 1);
                into[p + 1] = section.DataType;
                if (n > 0)
                {
                    byte[] data = _scratch[n];
                    DataReader.FromBuffer(section.Data).ReadBytes(data);
                    Array.Copy(data, 0, into, p + 2, n);
                }

                p += 2 + n;
            }

            return p;
        }
    }
}
