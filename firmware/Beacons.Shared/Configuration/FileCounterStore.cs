using Beacons.Protocol;

namespace Beacons.Configuration
{
    /// <summary>
    /// Keeps a <see cref="RisingCounter"/>'s reservation in two files written in turn, each holding the
    /// value and its complement. Power lost in the middle of a write spoils at most the file being
    /// written; the other still holds the previous reservation, which is at least every value used so
    /// far, so the counter never goes back after a reboot (going back would get every frame rejected
    /// as a replay until the counter caught up).
    /// </summary>
    public sealed class FileCounterStore : ICounterStore
    {
        private const int RecordLength = 8;

        private readonly string _pathA;
        private readonly string _pathB;
        private bool _newestIsA;

        public FileCounterStore(string pathA, string pathB)
        {
            _pathA = pathA;
            _pathB = pathB;
        }

        /// <summary>Saves that failed (storage full or broken); the device reports it, the counter carries on.</summary>
        public int SaveFailures { get; private set; }

        public uint Load()
        {
            uint a = 0;
            uint b = 0;
            bool hasA = TryRead(_pathA, ref a);
            bool hasB = TryRead(_pathB, ref b);
            _newestIsA = hasA && (!hasB || a >= b);
            if (_newestIsA)
            {
                return a;
            }

            return hasB ? b : 0;
        }

        public void Save(uint value)
        {
            byte[] record = new byte[RecordLength];
            Bytes.WriteUInt32(record, 0, value);
            Bytes.WriteUInt32(record, 4, ~value);
            string path = _newestIsA ? _pathB : _pathA;
            try
            {
                System.IO.File.WriteAllBytes(path, record);
                _newestIsA = !_newestIsA;
            }
            catch (System.Exception)
            {
                SaveFailures++;
            }
        }

        private static bool TryRead(string path, ref uint value)
        {
            try
            {
                if (!System.IO.File.Exists(path))
                {
                    return false;
                }

                byte[] record = System.IO.File.ReadAllBytes(path);
                if (record == null || record.Length != RecordLength)
                {
                    return false;
                }

                uint v = Bytes.ReadUInt32(record, 0);
                if (Bytes.ReadUInt32(record, 4) != ~v)
                {
                    return false;
                }

                value = v;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }
    }
}
