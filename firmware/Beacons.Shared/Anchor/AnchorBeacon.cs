using Beacons.Protocol;

namespace Beacons.Anchor
{
    /// <summary>
    /// A zone anchor's advert: its zone and calibrated RSSI at one metre, signed, with a counter that
    /// rises at every refresh so a replayed old frame can be told from a live anchor. The payload never
    /// changes otherwise, so refreshes are rare: each one restarts the publisher, and the anchor is
    /// silent while it restarts.
    /// </summary>
    public sealed class AnchorBeacon
    {
        private readonly Frame _frame = new Frame();
        private readonly ushort _companyId;
        private readonly MacKey _key;
        private readonly RisingCounter _counter;
        private readonly int _refreshMs;
        private long _publishedAtMs;
        private bool _published;

        public AnchorBeacon(ushort exerciseId, ushort anchorId, byte zone, sbyte rssiAt1m, ushort companyId, MacKey key, RisingCounter counter, int refreshMs)
        {
            if (key == null || counter == null || zone == Zone.None)
            {
                throw new System.ArgumentException("an anchor needs a key, a counter and a zone");
            }

            _frame.Kind = FrameKind.Anchor;
            _frame.ExerciseId = exerciseId;
            _frame.DeviceId = anchorId;
            _frame.Anchor.Zone = zone;
            _frame.Anchor.RssiAt1m = rssiAt1m;
            _companyId = companyId;
            _key = key;
            _counter = counter;
            _refreshMs = refreshMs;
        }

        /// <summary>The manufacturer data last built: company ID (2 bytes), payload, MAC.</summary>
        public readonly byte[] ManufacturerData = new byte[FrameLayout.MaxAdvertisingData];

        /// <summary>The counter the last built frame carries.</summary>
        public uint Counter
        {
            get { return _frame.Counter; }
        }

        /// <summary>
        /// Builds the next frame into <see cref="ManufacturerData"/> with a new counter and returns its
        /// length. nanoFramework's publisher takes the company ID apart: give it the bytes from offset 2.
        /// </summary>
        public int Build()
        {
            _frame.Counter = _counter.Next();
            return FrameWriter.WriteManufacturerData(_frame, _companyId, _key, ManufacturerData, 0);
        }

        /// <summary>True when the publisher should be restarted with a new frame (or started the first time).</summary>
        public bool RefreshDue(long nowMs)
        {
            return !_published || nowMs - _publishedAtMs >= _refreshMs;
        }

        /// <summary>The publisher is advertising the frame last built.</summary>
        public void Published(long nowMs)
        {
            _published = true;
            _publishedAtMs = nowMs;
        }
    }
}
