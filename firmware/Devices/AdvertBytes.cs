using System;
using System.Collections;
using Beacons.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Devices
{
    /// <summary>
    /// Rebuilds the manufacturer-specific AD structures of an advert from what the nanoFramework watcher
    /// hands over (parsed objects, not bytes), so the receiver forwards the bytes the gateway decodes.
    /// Only manufacturer data is rebuilt: it is all the gateway reads (our frames, iBeacons), and it is
    /// the cheap part to reach. The advert's DataSections property would rebuild every manufacturer
    /// section through a DataWriter (about 26 objects for a badge advert, docs/receiver.md), whereas the
    /// ManufacturerData list is the one the library already parsed. Buffer hides its bytes (Data is
    /// internal), so each section copied costs one DataReader; sections of other companies cost nothing.
    /// </summary>
    public sealed class AdvertBytes
    {
        private const int HeaderLength = 4; // length, type, company ID
        private readonly ushort _companyId;

        // DataReader.ReadBytes fills a whole array: one reusable array per section length.
        private readonly byte[][] _scratch = new byte[FrameLayout.MaxAdvertisingData + 1][];

        /// <param name="companyId">Our company ID; its sections and iBeacons (Apple's) are rebuilt, others skipped.</param>
        public AdvertBytes(ushort companyId)
        {
            _companyId = companyId;
            for (int i = 0; i < _scratch.Length; i++)
            {
                _scratch[i] = new byte[i];
            }
        }

        /// <summary>
        /// Writes the advert's manufacturer-data AD structures of our company and Apple's into
        /// <paramref name="into"/> and returns their length (0 when there are none), or -1 when they exceed
        /// a legacy advert.
        /// </summary>
        public int Write(BluetoothLEAdvertisement advertisement, byte[] into)
        {
            ArrayList sections = advertisement.ManufacturerData;
            int p = 0;
            for (int i = 0; i < sections.Count; i++)
            {
                BluetoothLEManufacturerData section = (BluetoothLEManufacturerData)sections[i];
                if (section.CompanyId != _companyId && section.CompanyId != FrameLayout.AppleCompanyId)
                {
                    continue;
                }

                int n = section.Data == null ? 0 : (int)section.Data.Length;
                if (p + HeaderLength + n > FrameLayout.MaxAdvertisingData)
                {
                    return -1;
                }

                into[p] = (byte)(n + 3);
                into[p + 1] = FrameLayout.AdTypeManufacturerData;
                Bytes.WriteUInt16(into, p + 2, section.CompanyId);
                if (n > 0)
                {
                    Copy(section.Data, n, into, p + HeaderLength);
                }

                p += HeaderLength + n;
            }

            return p;
        }

        private void Copy(nanoFramework.Device.Bluetooth.Buffer data, int length, byte[] into, int at)
        {
            byte[] scratch = _scratch[length];
            DataReader.FromBuffer(data).ReadBytes(scratch);
            Array.Copy(scratch, 0, into, at, length);
        }
    }
}
