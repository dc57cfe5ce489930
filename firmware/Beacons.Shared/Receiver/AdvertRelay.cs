using Beacons.Protocol;

namespace Beacons.Receiver
{
    /// <summary>
    /// A receiver's job between the BLE watcher and the UDP socket: keep the adverts that carry our
    /// company ID, batch them into authenticated datagrams, queue the datagrams while Wi-Fi is down,
    /// send a heartbeat with the counters every so often, and restamp each datagram as it leaves so
    /// its report ages are true at the moment of sending. Single-threaded: the device app serialises
    /// the watcher's callback and its main loop around it.
    ///
    /// Counters (the heartbeat's, all in reports): Heard counts our adverts the watcher delivered;
    /// Sent counts reports in datagrams handed to the socket; Dropped counts reports lost to a full
    /// queue, a failed send, or a queue wait too long for their age to be told. Heard minus Sent minus
    /// Dropped is what was replaced by a fresher report of the same device, plus what is still waiting.
    /// </summary>
    public sealed class AdvertRelay
    {
        // Report field offsets inside a datagram report (docs/protocol.md): address, RSSI, age, length.
        private const int AgeOffset = DatagramLayout.AddressLength + 1;
        private const int LengthOffset = DatagramLayout.ReportFixedLength - 1;

        /// <summary>A report age is two bytes: a datagram whose oldest report would be older at sending goes.</summary>
        public const int MaxAgeMs = 0xFFFF;

        private readonly ushort _exerciseId;
        private readonly ushort _receiverId;
        private readonly ushort _companyId;
        private readonly MacKey _key;
        private readonly RisingCounter _sequence;
        private readonly int _flushMs;
        private readonly int _heartbeatMs;
        private readonly ReportBatch _batch;
        private readonly DatagramQueue _queue;
        private readonly DatagramWriter _writer = new DatagramWriter();
        private readonly Frame _frame = new Frame();
        private readonly IBeacon _iBeacon = new IBeacon();
        private long _nextHeartbeatMs;
        private int _takenReports;
        private uint _heard;
        private uint _sent;
        private uint _dropped;
        private uint _ignored;
        private uint _stale;

        public AdvertRelay(ushort exerciseId, ushort receiverId, ushort companyId, MacKey key, RisingCounter sequence, int flushMs, int heartbeatMs, int queueDatagrams, long nowMs)
        {
            if (key == null || sequence == null)
            {
                throw new System.ArgumentException("a relay needs its receiver key and sequence counter");
            }

            _exerciseId = exerciseId;
            _receiverId = receiverId;
            _companyId = companyId;
            _key = key;
            _sequence = sequence;
            _flushMs = flushMs < 0 ? 0 : flushMs;
            _heartbeatMs = heartbeatMs < 1 ? 1 : heartbeatMs;
            _batch = new ReportBatch(ReportBatch.MaxReports);
            _queue = new DatagramQueue(queueDatagrams);
            _nextHeartbeatMs = nowMs; // the first heartbeat says the receiver is up
        }

        public uint Heard
        {
            get { return _heard; }
        }

        public uint Sent
        {
            get { return _sent; }
        }

        public uint Dropped
        {
            get { return _dropped + _queue.DroppedReports; }
        }

        /// <summary>Adverts that were not ours (other devices, iBeacons, noise); not in the heartbeat.</summary>
        public uint Ignored
        {
            get { return _ignored; }
        }

        /// <summary>Datagrams dropped because they waited too long for their report ages to be told.</summary>
        public uint StaleDatagrams
        {
            get { return _stale; }
        }

        /// <summary>Successful Wi-Fi reconnections, for the heartbeat; the device sets it.</summary>
        public ushort Reconnects { get; set; }

        /// <summary>Wi-Fi signal, dBm, for the heartbeat; 0 when the device cannot tell.</summary>
        public sbyte WifiRssi { get; set; }

        public int Waiting
        {
            get { return _batch.Count; }
        }

        public int QueuedDatagrams
        {
            get { return _queue.Count; }
        }

        /// <summary>
        /// One advert from the watcher. Returns true when it was ours (or an iBeacon) and is on its way; adverts of
        /// other devices are ignored (and counted apart). May finish a datagram when the batch is full.
        /// </summary>
        public bool Hear(ulong address, int rssi, byte[] advert, int offset, int length, long nowMs)
        {
            if (!IsForwarded(AdvertDecoder.Decode(advert, offset, length, _companyId, _frame, _iBeacon)))
            {
                _ignored++;
                return false;
            }

            _heard++;
            sbyte signal = (sbyte)(rssi < -128 ? -128 : (rssi > 127 ? 127 : rssi));
            if (!_batch.Contains(address) && !_batch.HasRoomFor(length))
            {
                Flush(nowMs);
            }

            _batch.Add(address, signal, advert, offset, length, nowMs);
            return true;
        }

        /// <summary>Finishes the batch when its first report has waited the flush time, and queues a heartbeat when one is due.</summary>
        public void Poll(long nowMs)
        {
            if (_batch.Count > 0 && nowMs - _batch.OpenedAtMs >= _flushMs)
            {
                Flush(nowMs);
            }

            if (nowMs >= _nextHeartbeatMs)
            {
                int length = _writer.WriteHeartbeat(_exerciseId, _receiverId, _sequence.Next(), (uint)nowMs, _heard, _sent, Dropped, Reconnects, WifiRssi, _key);
                _queue.Enqueue(_writer.Buffer, length, 0, nowMs);
                _nextHeartbeatMs = nowMs + _heartbeatMs;
            }
        }

        /// <summary>When <see cref="Poll"/> next has something to do; the device may sleep until then (or until an advert arrives).</summary>
        public long NextPollAtMs
        {
            get
            {
                long next = _nextHeartbeatMs;
                if (_batch.Count > 0 && _batch.OpenedAtMs + _flushMs < next)
                {
                    next = _batch.OpenedAtMs + _flushMs;
                }

                return next;
            }
        }

        /// <summary>
        /// Copies the oldest queued datagram into <paramref name="into"/> (at least 1,200 bytes), with its
        /// report ages and uptime brought up to <paramref name="nowMs"/> and its MAC written, and
        /// returns its length; 0 when nothing is waiting. Call <see cref="Delivered"/> after sending it.
        /// </summary>
        public int Take(byte[] into, long nowMs)
        {
            while (_queue.Count > 0)
            {
                byte[] buffer = _queue.PeekBuffer();
                int length = _queue.PeekLength();
                int reports = _queue.PeekReports();
                long waited = nowMs - _queue.PeekBuiltAtMs();
                if (waited < 0)
                {
                    waited = 0;
                }

                if (reports > 0 && OldestAge(buffer, length) + waited > MaxAgeMs)
                {
                    _dropped += (uint)reports;
                    _stale++;
                    _queue.Dequeue();
                    continue;
                }

                System.Array.Copy(buffer, 0, into, 0, length);
                _queue.Dequeue();
                if (waited > 0)
                {
                    Restamp(into, length, (int)waited, nowMs);
                }

                Seal(into, length);

                _takenReports = reports;
                return length;
            }

            _takenReports = 0;
            return 0;
        }

        /// <summary>Whether the datagram <see cref="Take"/> gave went out; a failed send counts its reports as dropped.</summary>
        public void Delivered(bool sent)
        {
            if (sent)
            {
                _sent += (uint)_takenReports;
            }
            else
            {
                _dropped += (uint)_takenReports;
            }

            _takenReports = 0;
        }

        /// <summary>Finishes whatever is waiting into a datagram now (the device calls this before it sleeps or reboots).</summary>
        public void Flush(long nowMs)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            _writer.BeginReports(_exerciseId, _receiverId, _sequence.Next(), (uint)nowMs);
            int reports = _batch.WriteTo(_writer, nowMs);
            int length = _writer.FinishUnsealed(); // Take seals it as it leaves: the MAC is the costliest step of all
            _queue.Enqueue(_writer.Buffer, length, reports, nowMs);
        }

        // Our company ID was found: forward even a malformed frame, so the gateway counts it.
        // iBeacons too: a venue may use commercial beacons as zone anchors, and only the gateway
        // knows which ones are the venue's.
        private static bool IsForwarded(DecodeStatus status)
        {
            return status == DecodeStatus.Ours || status == DecodeStatus.IBeacon || status == DecodeStatus.UnsupportedVersion || status == DecodeStatus.UnknownKind
                || status == DecodeStatus.BadLength || status == DecodeStatus.BadField;
        }

        private static int OldestAge(byte[] datagram, int length)
        {
            int oldest = 0;
            int p = DatagramLayout.FirstReport;
            int count = datagram[DatagramLayout.ReportCount];
            int end = length - DatagramLayout.MacLength;
            for (int i = 0; i < count && p + DatagramLayout.ReportFixedLength <= end; i++)
            {
                int age = Beacons.Protocol.Bytes.ReadUInt16(datagram, p + AgeOffset);
                if (age > oldest)
                {
                    oldest = age;
                }

                p += DatagramLayout.ReportFixedLength + datagram[p + LengthOffset];
            }

            return oldest;
        }

        private void Restamp(byte[] datagram, int length, int waitedMs, long nowMs)
        {
            Beacons.Protocol.Bytes.WriteUInt32(datagram, DatagramLayout.UptimeMs, (uint)nowMs);
            int kind = datagram[DatagramLayout.VersionKind] & 0x0F;
            if (kind == (int)DatagramKind.Reports)
            {
                int p = DatagramLayout.FirstReport;
                int count = datagram[DatagramLayout.ReportCount];
                int end = length - DatagramLayout.MacLength;
                for (int i = 0; i < count && p + DatagramLayout.ReportFixedLength <= end; i++)
                {
                    int age = Beacons.Protocol.Bytes.ReadUInt16(datagram, p + AgeOffset) + waitedMs;
                    Beacons.Protocol.Bytes.WriteUInt16(datagram, p + AgeOffset, (ushort)(age > MaxAgeMs ? MaxAgeMs : age));
                    p += DatagramLayout.ReportFixedLength + datagram[p + LengthOffset];
                }
            }

        }

        private void Seal(byte[] datagram, int length)
        {
            int signed = length - DatagramLayout.MacLength;
            Beacons.Protocol.Bytes.WriteUInt64(datagram, signed, SipHash.Compute(_key, datagram, 0, signed));
        }
    }
}
