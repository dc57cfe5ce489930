using Beacons.Protocol;

namespace Beacons.Receiver
{
    /// <summary>
    /// The reports waiting for the next datagram, in preallocated arrays (no allocation per advert).
    /// One report per address: an address heard again before the datagram leaves replaces its report,
    /// since the gateway wants each device's freshest RSSI and payload, and the room goes to other
    /// devices. The batch never holds more than one datagram can carry, so writing it always fits.
    /// </summary>
    public sealed class ReportBatch
    {
        /// <summary>Room for the reports: the datagram less its header, report count and MAC.</summary>
        public const int ReportSpace = DatagramLayout.MaxLength - DatagramLayout.FirstReport - DatagramLayout.MacLength;

        /// <summary>A datagram carries at most this many reports (its count is one byte).</summary>
        public const int MaxReports = 255;

        private readonly int _capacity;
        private readonly ulong[] _address;
        private readonly sbyte[] _rssi;
        private readonly long[] _heardAtMs;
        private readonly int[] _length;
        private readonly byte[] _adverts;
        private int _count;
        private int _bytes;
        private long _openedAtMs;

        /// <param name="capacity">Reports the batch can hold; more than fit in a datagram are never needed.</param>
        public ReportBatch(int capacity)
        {
            int most = ReportSpace / DatagramLayout.ReportFixedLength;
            if (most > MaxReports)
            {
                most = MaxReports;
            }

            _capacity = capacity < 1 ? 1 : (capacity > most ? most : capacity);
            _address = new ulong[_capacity];
            _rssi = new sbyte[_capacity];
            _heardAtMs = new long[_capacity];
            _length = new int[_capacity];
            _adverts = new byte[_capacity * FrameLayout.MaxAdvertisingData];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Bytes the reports take in a datagram.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>When the first report of this batch arrived: the flush deadline counts from here.</summary>
        public long OpenedAtMs
        {
            get { return _openedAtMs; }
        }

        /// <summary>The earliest time any report in the batch was heard (for the oldest age it will carry).</summary>
        public long OldestHeardAtMs
        {
            get
            {
                long oldest = long.MaxValue;
                for (int i = 0; i < _count; i++)
                {
                    if (_heardAtMs[i] < oldest)
                    {
                        oldest = _heardAtMs[i];
                    }
                }

                return oldest;
            }
        }

        /// <summary>True when a report of <paramref name="address"/> is waiting.</summary>
        public bool Contains(ulong address)
        {
            return IndexOf(address) >= 0;
        }

        /// <summary>
        /// True when a new report with an advert of <paramref name="length"/> bytes still fits in this
        /// batch's datagram (a report replacing one of the same address always fits).
        /// </summary>
        public bool HasRoomFor(int length)
        {
            return _count < _capacity && _bytes + DatagramLayout.ReportFixedLength + length <= ReportSpace;
        }

        /// <summary>
        /// Adds the report, or replaces the waiting report of the same address. Returns false, and
        /// changes nothing, when the advert is not a legacy advert or a new report does not fit:
        /// the caller sends the batch first.
        /// </summary>
        public bool Add(ulong address, sbyte rssi, byte[] advert, int offset, int length, long heardAtMs)
        {
            if (advert == null || length < 0 || length > FrameLayout.MaxAdvertisingData || offset < 0 || offset > advert.Length - length)
            {
                return false;
            }

            int i = IndexOf(address);
            if (i < 0)
            {
                if (!HasRoomFor(length))
                {
                    return false;
                }

                i = _count++;
                _bytes += DatagramLayout.ReportFixedLength;
                _length[i] = 0;
                _address[i] = address;
                if (_count == 1)
                {
                    _openedAtMs = heardAtMs;
                }
            }

            _bytes += length - _length[i];
            _length[i] = length;
            _rssi[i] = rssi;
            _heardAtMs[i] = heardAtMs;
            System.Array.Copy(advert, offset, _adverts, i * FrameLayout.MaxAdvertisingData, length);
            return true;
        }

        /// <summary>
        /// Writes every waiting report into <paramref name="writer"/> (after its BeginReports) with its
        /// age at <paramref name="nowMs"/>, and empties the batch. Returns the number of reports written.
        /// </summary>
        public int WriteTo(DatagramWriter writer, long nowMs)
        {
            int written = 0;
            for (int i = 0; i < _count; i++)
            {
                long age = nowMs - _heardAtMs[i];
                if (writer.TryAdd(_address[i], _rssi[i], age > int.MaxValue ? int.MaxValue : (int)age, _adverts, i * FrameLayout.MaxAdvertisingData, _length[i]))
                {
                    written++;
                }
            }

            Clear();
            return written;
        }

        public void Clear()
        {
            _count = 0;
            _bytes = 0;
        }

        private int IndexOf(ulong address)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_address[i] == address)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
