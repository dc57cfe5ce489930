namespace Beacons.Protocol
{
    /// <summary>Where a device keeps the next counter block across reboots: a file on the device, memory in the simulator.</summary>
    public interface ICounterStore
    {
        /// <summary>The value saved last, or 0 when nothing was ever saved.</summary>
        uint Load();

        void Save(uint value);
    }

    /// <summary>
    /// The frame counter that rises with every new payload and keeps rising across reboots. Writing
    /// flash on every payload would wear it out, so the device reserves a block of values at a time:
    /// it saves the end of the block before using any value in it, and after a reboot starts at that
    /// saved end. A reboot skips at most one block; the gateway only needs the counter to rise.
    /// </summary>
    public sealed class RisingCounter
    {
        public const uint DefaultBlock = 256;

        private readonly ICounterStore _store;
        private readonly uint _block;
        private uint _next;
        private uint _reservedEnd;

        public RisingCounter(ICounterStore store, uint block)
        {
            _store = store;
            _block = block == 0 ? DefaultBlock : block;
            _next = store.Load();
            _reservedEnd = _next;
        }

        /// <summary>The next value; saves a new reservation first when the current block is used up.</summary>
        public uint Next()
        {
            if (_next >= _reservedEnd)
            {
                _reservedEnd = _next + _block;
                _store.Save(_reservedEnd);
            }

            return _next++;
        }
    }
}
