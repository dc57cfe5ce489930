using Beacons.Protocol;

namespace Beacons.Receiver
{
    /// <summary>
    /// Finished datagrams waiting to be sent, in a ring of preallocated buffers. It never grows: when
    /// it is full the oldest datagram goes (the gateway wants the newest news) and its reports are
    /// counted as dropped, so the heartbeat tells the gateway what was lost while Wi-Fi was down.
    /// </summary>
    public sealed class DatagramQueue
    {
        private readonly byte[][] _buffers;
        private readonly int[] _lengths;
        private readonly int[] _reports;
        private readonly long[] _builtAtMs;
        private int _head;
        private int _count;

        public DatagramQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            _buffers = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _buffers[i] = new byte[DatagramLayout.MaxLength];
            }

            _lengths = new int[capacity];
            _reports = new int[capacity];
            _builtAtMs = new long[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _buffers.Length; }
        }

        /// <summary>Datagrams pushed out by newer ones.</summary>
        public uint DroppedDatagrams { get; private set; }

        /// <summary>Reports in those datagrams.</summary>
        public uint DroppedReports { get; private set; }

        /// <summary>Copies a finished datagram in; when full, the oldest is dropped first.</summary>
        public void Enqueue(byte[] datagram, int length, int reports, long builtAtMs)
        {
            if (_count == _buffers.Length)
            {
                DroppedDatagrams++;
                DroppedReports += (uint)_reports[_head];
                _head = (_head + 1) % _buffers.Length;
                _count--;
            }

            int slot = (_head + _count) % _buffers.Length;
            System.Array.Copy(datagram, 0, _buffers[slot], 0, length);
            _lengths[slot] = length;
            _reports[slot] = reports;
            _builtAtMs[slot] = builtAtMs;
            _count++;
        }

        /// <summary>The oldest datagram's bytes (valid until the next Enqueue or Dequeue), or null when empty.</summary>
        public byte[] PeekBuffer()
        {
            return _count == 0 ? null : _buffers[_head];
        }

        public int PeekLength()
        {
            return _count == 0 ? 0 : _lengths[_head];
        }

        public int PeekReports()
        {
            return _count == 0 ? 0 : _reports[_head];
        }

        public long PeekBuiltAtMs()
        {
            return _count == 0 ? 0 : _builtAtMs[_head];
        }

        public void Dequeue()
        {
            if (_count == 0)
            {
                return;
            }

            _head = (_head + 1) % _buffers.Length;
            _count--;
        }
    }
}
