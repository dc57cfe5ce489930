// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

using Beacons.Protocol;
using Beacons.Receiver;

namespace Beacons.Cases
{
    /// <summary>A counter store in memory: what tests and the simulator's virtual receivers use instead of flash.</summary>
    public sealed class MemoryCounterStore : ICounterStore
    {
        public uint Saved;

        public uint Load()
        {
            return Saved;
        }

        public void Save(uint value)
        {
            Saved = value;
        }
    }

    /// <summary>
    /// The receiver's batching limits: how many reports of adverts of a given length fit one datagram
    /// (1,200 bytes at most, 14 of header and 8 of MAC, 10 per report beside its advert), and the
    /// flush time counted from a batch's first report.
    /// </summary>
    public static class RelayCases
    {
        public const ushort ExerciseId = 42;
        public const ushort ReceiverId = 3;

        public static readonly MacKey FrameKey = MacKey.TryParseHex("000102030405060708090a0b0c0d0e0f");
        public static readonly MacKey ReceiverKey = MacKey.TryParseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

        /// <summary>Advert lengths, in step with <see cref="ReportsPerFullDatagram"/>: (1200 - 14 - 8) / (10 + length).</summary>
        public static readonly int[] AdvertLengths = { 24, 31 };

        public static readonly int[] ReportsPerFullDatagram = { 34, 28 };

        /// <summary>Reports heard at these times (ms) with a 200 ms flush: nothing leaves before, all leave at <see cref="FlushLeavesAtMs"/> with these ages.</summary>
        public static readonly long[] FlushHeardAtMs = { 10, 150 };

        public const int FlushMs = 200;
        public const long FlushLeavesAtMs = 210;
        public static readonly int[] FlushAgesMs = { 200, 60 };

        public static AdvertRelay NewRelay(MemoryCounterStore store, int flushMs, int heartbeatMs, int queue, long nowMs)
        {
            return new AdvertRelay(ExerciseId, ReceiverId, FrameLayout.DefaultCompanyId, ReceiverKey, new RisingCounter(store, 16), flushMs, heartbeatMs, queue, nowMs);
        }

        /// <summary>A badge advert (flags + manufacturer data), padded with a name AD to <paramref name="length"/> bytes when asked (0: as written).</summary>
        public static byte[] BadgeAdvert(ushort badge, uint counter, int length)
        {
            var frame = new Frame { Kind = FrameKind.Badge, ExerciseId = ExerciseId, DeviceId = badge, Counter = counter };
            frame.Badge.Role = OfficerRole.Contact;
            frame.Badge.BatteryPercent = 80;
            byte[] buffer = new byte[FrameLayout.MaxAdvertisingData];
            int n = FrameWriter.WriteAdvertisement(frame, FrameLayout.DefaultCompanyId, FrameKey, buffer, 0);
            if (length > n + 2)
            {
                // A shortened local name AD after ours: a legal advert of any length up to 31 bytes.
                buffer[n] = (byte)(length - n - 1);
                buffer[n + 1] = 0x08;
                for (int i = n + 2; i < length; i++)
                {
                    buffer[i] = (byte)'b';
                }

                n = length;
            }

            byte[] advert = new byte[n];
            System.Array.Copy(buffer, advert, n);
            return advert;
        }
    }
}
