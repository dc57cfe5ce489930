namespace Beacons.Indicator
{
    /// <summary>
    /// Hands button gestures from the button library's event thread to the device's main loop, so
    /// the state machines only ever run on one thread. Each gesture keeps the time it happened: the
    /// loop may drain it later (a Bluetooth restart can block it for a moment) and timeouts must
    /// still count from the real press. Preallocated; when full, the newest gesture is dropped and
    /// counted (32 gestures is minutes of frantic pressing, so it only happens if the loop is stuck).
    /// </summary>
    public sealed class GestureQueue
    {
        public const int DefaultCapacity = 32;

        private readonly object _sync = new object();
        private readonly byte[] _gestures;
        private readonly long[] _times;
        private int _head;
        private int _count;
        private int _dropped;

        public GestureQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = DefaultCapacity;
            }

            _gestures = new byte[capacity];
            _times = new long[capacity];
        }

        /// <summary>Gestures lost because the queue was full.</summary>
        public int Dropped
        {
            get { return _dropped; }
        }

        /// <summary>Called from the button's event handlers.</summary>
        public void Add(Gesture gesture, long nowMs)
        {
            // Monitor.Enter/Exit by hand: the C# lock statement needs an overload nanoFramework lacks.
            System.Threading.Monitor.Enter(_sync);
            try
            {
                if (_count == _gestures.Length)
                {
                    _dropped++;
                    return;
                }

                int tail = (_head + _count) % _gestures.Length;
                _gestures[tail] = (byte)gesture;
                _times[tail] = nowMs;
                _count++;
            }
            finally
            {
                System.Threading.Monitor.Exit(_sync);
            }
        }

        /// <summary>Takes the oldest gesture and the time it happened, or <see cref="Gesture.None"/> when there is none.</summary>
        public Gesture Take(out long atMs)
        {
            atMs = 0;
            System.Threading.Monitor.Enter(_sync);
            try
            {
                if (_count == 0)
                {
                    return Gesture.None;
                }

                Gesture g = (Gesture)_gestures[_head];
                atMs = _times[_head];
                _head = (_head + 1) % _gestures.Length;
                _count--;
                return g;
            }
            finally
            {
                System.Threading.Monitor.Exit(_sync);
            }
        }
    }
}
