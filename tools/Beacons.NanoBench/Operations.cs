using Beacons.Cases;
using Beacons.Protocol;
using Beacons.Receiver;
using Beacons.Zones;

namespace Beacons.NanoBench
{
    /// <summary>Nothing: the cost of the benchmark's own loop and virtual call, to read the others against.</summary>
    public sealed class Nothing : Operation
    {
        public int Sink;

        public override void Run(int i)
        {
            Sink += i;
        }
    }

    /// <summary>
    /// The reference for scaling to an ESP32: a loop whose every step is one call of a native method,
    /// the shape of the GPIO toggle loop measured on ESP32 boards in nanoframework/Home issue 1013
    /// (docs/receiver.md, Capacity). Unrolled by ten so the loop's own count adds little.
    /// </summary>
    public sealed class NativeCallLoop : Operation
    {
        private int _count;

        public NativeCallLoop()
        {
            PerRun = 100;
        }

        public override void Run(int i)
        {
            for (int k = 0; k < 10; k++)
            {
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
                System.Threading.Interlocked.Increment(ref _count);
            }
        }
    }

    /// <summary>One small array: a check that the allocation count works (it must read 1).</summary>
    public sealed class OneArray : Operation
    {
        public byte[] Sink;

        public override void Run(int i)
        {
            Sink = new byte[8];
        }
    }

    /// <summary>What a badge or tag does for each new payload: write the advert and its SipHash MAC.</summary>
    public sealed class EncodeAndMac : Operation
    {
        private readonly Frame _frame = FrameCases.Badge();
        private readonly byte[] _buffer = new byte[FrameLayout.MaxAdvertisingData];

        public override void Run(int i)
        {
            _frame.Counter++;
            FrameWriter.WriteAdvertisement(_frame, FrameLayout.DefaultCompanyId, FrameCases.Key, _buffer, 0);
        }
    }

    /// <summary>What a locating badge does for each anchor advert heard: decode it and check its MAC.</summary>
    public sealed class DecodeAndVerify : Operation
    {
        private readonly byte[] _advert = FrameCases.Advertise(FrameCases.Anchor());
        private readonly Frame _frame = new Frame();
        private readonly IBeacon _iBeacon = new IBeacon();
        public bool Sink;

        public override void Run(int i)
        {
            AdvertDecoder.Decode(_advert, 0, _advert.Length, FrameLayout.DefaultCompanyId, _frame, _iBeacon);
            Sink = FrameMac.Verify(FrameCases.Key, _advert, _frame);
        }
    }

    /// <summary>
    /// One anchor reading into the zone estimator and one decision, with six anchors in three zones known;
    /// or the same into the candidate evidence estimator (issue 17), which takes a grid step every fifth.
    /// </summary>
    public sealed class ObserveAndDecide : Operation
    {
        private readonly ZoneEstimator _estimator;
        private readonly EvidenceEstimator _evidence;
        private long _now;
        public byte Sink;

        public ObserveAndDecide(bool evidence)
        {
            _estimator = evidence ? null : new ZoneEstimator(new ZoneEstimatorSettings());
            _evidence = evidence ? new EvidenceEstimator(new EvidenceEstimatorSettings()) : null;
            for (int i = 0; i < 60; i++)
            {
                Run(i);
            }
        }

        public override void Run(int i)
        {
            _now += 100;
            int source = i % 6;
            if (_evidence == null)
            {
                _estimator.Observe(source, (byte)(1 + (source % 3)), -60 - ((i * 7) % 25), _now);
                Sink = _estimator.Update(_now);
            }
            else
            {
                _evidence.Observe(source, (byte)(1 + (source % 3)), -60 - ((i * 7) % 25), _now);
                Sink = _evidence.Update(_now);
            }
        }
    }

    /// <summary>
    /// The receiver's per-advert path for one full datagram: hear as many 24-byte badge adverts as fill
    /// one (decode to tell ours, copy into the batch), finish it, take it 5 ms later to send (copy, ages
    /// restamped, the datagram MAC). <see cref="Operation.PerRun"/> is the adverts per datagram.
    /// </summary>
    public sealed class RelayDatagram : Operation
    {
        private readonly AdvertRelay _relay;
        private readonly byte[][] _adverts;
        private readonly byte[] _send = new byte[DatagramLayout.MaxLength];
        private long _now;

        public RelayDatagram()
        {
            PerRun = ReportBatch.ReportSpace / (DatagramLayout.ReportFixedLength + 24);
            _relay = new AdvertRelay(42, 3, FrameLayout.DefaultCompanyId, RelayCases.ReceiverKey, new RisingCounter(new MemoryCounterStore(), 1000000), 200, int.MaxValue, 8, 0);
            _adverts = new byte[PerRun][];
            for (int a = 0; a < PerRun; a++)
            {
                Frame badge = FrameCases.Badge();
                badge.DeviceId = (ushort)(a + 1);
                _adverts[a] = FrameCases.Advertise(badge);
            }

            _relay.Poll(0);
            while (_relay.Take(_send, 0) > 0)
            {
                _relay.Delivered(true); // the start-up heartbeat
            }
        }

        public override void Run(int i)
        {
            for (int a = 0; a < _adverts.Length; a++)
            {
                _now++;
                _relay.Hear(0xC0FFEE000000UL + (ulong)a, -70, _adverts[a], 0, _adverts[a].Length, _now);
            }

            _relay.Flush(_now);
            _now += 5;
            _relay.Take(_send, _now);
            _relay.Delivered(true);
        }
    }

    /// <summary>The datagram MAC alone: SipHash-2-4 over a full datagram's signed bytes.</summary>
    public sealed class DatagramMac : Operation
    {
        private readonly byte[] _datagram = new byte[DatagramLayout.MaxLength];
        public ulong Sink;

        public override void Run(int i)
        {
            Sink = SipHash.Compute(RelayCases.ReceiverKey, _datagram, 0, DatagramLayout.MaxLength - DatagramLayout.MacLength);
        }
    }
}
