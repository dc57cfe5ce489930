using Beacons.Protocol;
using Beacons.Zones;

namespace Beacons.Badge
{
    /// <summary>
    /// A badge's own zone, from the anchors it hears in its scan windows. The watcher's thread calls
    /// <see cref="Hear"/> with each manufacturer-data section; authentic anchor frames of this exercise
    /// wait in a small preallocated queue until the main loop ends the scan window with
    /// <see cref="EndScan"/>, which feeds them, each with its anchor's calibrated RSSI at one metre, to the
    /// shared <see cref="ZoneEstimator"/> and takes a fix.
    /// Between scans the badge keeps that fix; once it is older than the limit the badge says
    /// <see cref="Zone.None"/> (not self-located) instead of a zone it may have left.
    /// </summary>
    public sealed class SelfLocator
    {
        public const int DefaultCapacity = 64;
        private const long Never = long.MinValue;

        private readonly ZoneEstimator _estimator;
        private readonly MacKey _key;
        private readonly ushort _exerciseId;
        private readonly ushort _companyId;
        private readonly int _fixMaxAgeMs;

        // Used only on the watcher's thread.
        private readonly byte[] _advert = new byte[FrameLayout.MaxAdvertisingData];
        private readonly Frame _frame = new Frame();
        private readonly IBeacon _iBeacon = new IBeacon();

        // The hand-off between the watcher's thread and the main loop.
        private readonly object _sync = new object();
        private readonly ushort[] _sources;
        private readonly byte[] _zones;
        private readonly short[] _rssis;
        private readonly sbyte[] _rssiAt1ms;
        private readonly long[] _times;
        private int _count;
        private int _dropped;
        private int _rejected;

        private byte _fixZone = Zone.None;
        private long _fixMs = Never;

        public SelfLocator(ZoneEstimator estimator, MacKey key, ushort exerciseId, ushort companyId, int fixMaxAgeMs, int capacity)
        {
            if (estimator == null || key == null)
            {
                throw new System.ArgumentException("self-location needs a zone estimator and the frame key");
            }

            _estimator = estimator;
            _key = key;
            _exerciseId = exerciseId;
            _companyId = companyId;
            _fixMaxAgeMs = fixMaxAgeMs;
            if (capacity < 1)
            {
                capacity = DefaultCapacity;
            }

            _sources = new ushort[capacity];
            _zones = new byte[capacity];
            _rssis = new short[capacity];
            _rssiAt1ms = new sbyte[capacity];
            _times = new long[capacity];
        }

        /// <summary>Anchor sightings lost because the queue was full before the scan window ended.</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        /// <summary>Sections with our company ID that were not an authentic anchor frame of this exercise.</summary>
        public int Rejected
        {
            get { return _rejected; }
        }

        /// <summary>The zone of the last fix, whatever its age; <see cref="Zone.None"/> before the first.</summary>
        public byte FixZone
        {
            get { return _fixZone; }
        }

        /// <summary>When the last fix was taken, or long.MinValue.</summary>
        public long FixMs
        {
            get { return _fixMs; }
        }

        /// <summary>
        /// One manufacturer-data section as nanoFramework's watcher delivers it: the company ID apart,
        /// <paramref name="length"/> bytes of data after it. Keeps it when it is an authentic anchor frame
        /// of this exercise. Called on the watcher's thread; returns true when the sighting was kept.
        /// </summary>
        public bool Hear(ushort companyId, byte[] data, int length, int rssi, long nowMs)
        {
            if (companyId != _companyId || data == null || length < 0 || length > data.Length || length + 4 > _advert.Length)
            {
                return false;
            }

            // Rebuild the AD structure so the one decoder the gateway uses also reads it here.
            _advert[0] = (byte)(length + 3);
            _advert[1] = FrameLayout.AdTypeManufacturerData;
            Bytes.WriteUInt16(_advert, 2, companyId);
            System.Array.Copy(data, 0, _advert, 4, length);

            DecodeStatus status = AdvertDecoder.Decode(_advert, 0, length + 4, _companyId, _frame, _iBeacon);
            if (status != DecodeStatus.Ours || _frame.Kind != FrameKind.Anchor || _frame.ExerciseId != _exerciseId || !FrameMac.Verify(_key, _advert, _frame))
            {
                _rejected++;
                return false;
            }

            System.Threading.Monitor.Enter(_sync);
            try
            {
                if (_count == _sources.Length)
                {
                    _dropped++;
                    return false;
                }

                _sources[_count] = _frame.DeviceId;
                _zones[_count] = _frame.Anchor.Zone;
                _rssis[_count] = (short)rssi;
                _rssiAt1ms[_count] = _frame.Anchor.RssiAt1m;
                _times[_count] = nowMs;
                _count++;
                return true;
            }
            finally
            {
                System.Threading.Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// The scan window is over: feed what was heard to the estimator and take a fix. A window that
        /// heard no anchor takes no fix and leaves the previous one to age.
        /// </summary>
        public void EndScan(long nowMs)
        {
            int heard;
            System.Threading.Monitor.Enter(_sync);
            try
            {
                heard = _count;
                for (int i = 0; i < _count; i++)
                {
                    // Each anchor's own calibration: a quiet anchor nearby is not taken for a loud one farther away.
                    _estimator.Observe(_sources[i], _zones[i], _rssis[i], _rssiAt1ms[i], _times[i]);
                }

                _count = 0;
            }
            finally
            {
                System.Threading.Monitor.Exit(_sync);
            }

            if (heard == 0)
            {
                // The estimator still remembers earlier windows; a fix from memory alone would keep a
                // zone alive after the badge left every anchor's range.
                return;
            }

            byte zone = _estimator.Update(nowMs);
            if (zone != Zone.None)
            {
                _fixZone = zone;
                _fixMs = nowMs;
            }
        }

        /// <summary>The zone to send now: the last fix while it is fresh, else <see cref="Zone.None"/>.</summary>
        public byte ZoneAt(long nowMs)
        {
            if (_fixMs == Never || nowMs - _fixMs > _fixMaxAgeMs)
            {
                return Zone.None;
            }

            return _fixZone;
        }
    }
}
