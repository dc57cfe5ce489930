namespace Beacons.Protocol
{
    /// <summary>
    /// Builds receiver datagrams in one preallocated buffer: the receiver firmware and the simulator's
    /// virtual receivers both send what this writes. Begin, add reports until one no longer fits, finish.
    /// </summary>
    public sealed class DatagramWriter
    {
        public readonly byte[] Buffer = new byte[DatagramLayout.MaxLength];

        private int _length;
        private int _count;

        public int Count
        {
            get { return _count; }
        }

        public void BeginReports(ushort exerciseId, ushort receiverId, uint sequence, uint uptimeMs)
        {
            WriteHeader(DatagramKind.Reports, exerciseId, receiverId, sequence, uptimeMs);
            Buffer[DatagramLayout.ReportCount] = 0;
            _length = DatagramLayout.FirstReport;
            _count = 0;
        }

        /// <summary>
        /// True when the report fits (within 1,200 bytes with the MAC, 255 reports, a legacy advert);
        /// false leaves the datagram as it was, so the caller can finish it and start the next.
        /// </summary>
        public bool TryAdd(ulong address, sbyte rssi, int ageMs, byte[] advert, int offset, int length)
        {
            if (length < 0 || length > FrameLayout.MaxAdvertisingData || _count == 255)
            {
                return false;
            }

            int needed = DatagramLayout.ReportFixedLength + length;
            if (_length + needed + DatagramLayout.MacLength > DatagramLayout.MaxLength)
            {
                return false;
            }

            int p = _length;
            for (int i = DatagramLayout.AddressLength - 1; i >= 0; i--)
            {
                Buffer[p + i] = (byte)address;
                address >>= 8;
            }

            Buffer[p + 6] = (byte)rssi;
            Bytes.WriteUInt16(Buffer, p + 7, (ushort)(ageMs < 0 ? 0 : (ageMs > 0xFFFF ? 0xFFFF : ageMs)));
            Buffer[p + 9] = (byte)length;
            System.Array.Copy(advert, offset, Buffer, p + DatagramLayout.ReportFixedLength, length);
            _length += needed;
            _count++;
            Buffer[DatagramLayout.ReportCount] = (byte)_count;
            return true;
        }

        /// <summary>
        /// Leaves the MAC's room empty and returns the datagram's length, for a sender that writes the MAC itself
        /// as the datagram leaves (the receiver, which changes report ages at sending): one MAC pass, not two.
        /// </summary>
        public int FinishUnsealed()
        {
            return _length + DatagramLayout.MacLength;
        }

        /// <summary>Appends the MAC and returns the datagram's length: send Buffer[0..length).</summary>
        public int Finish(MacKey key)
        {
            Bytes.WriteUInt64(Buffer, _length, SipHash.Compute(key, Buffer, 0, _length));
            return _length + DatagramLayout.MacLength;
        }

        /// <summary>Writes a whole heartbeat datagram and returns its length.</summary>
        public int WriteHeartbeat(ushort exerciseId, ushort receiverId, uint sequence, uint uptimeMs, uint heard, uint sent, uint dropped, ushort reconnects, sbyte wifiRssi, MacKey key)
        {
            WriteHeader(DatagramKind.Heartbeat, exerciseId, receiverId, sequence, uptimeMs);
            int p = DatagramLayout.HeaderLength;
            Bytes.WriteUInt32(Buffer, p, heard);
            Bytes.WriteUInt32(Buffer, p + 4, sent);
            Bytes.WriteUInt32(Buffer, p + 8, dropped);
            Bytes.WriteUInt16(Buffer, p + 12, reconnects);
            Buffer[p + 14] = (byte)wifiRssi;
            _length = p + DatagramLayout.HeartbeatBodyLength;
            _count = 0;
            return Finish(key);
        }

        private void WriteHeader(DatagramKind kind, ushort exerciseId, ushort receiverId, uint sequence, uint uptimeMs)
        {
            Buffer[DatagramLayout.VersionKind] = (byte)((DatagramLayout.Version << 4) | (byte)kind);
            Bytes.WriteUInt16(Buffer, DatagramLayout.ExerciseId, exerciseId);
            Bytes.WriteUInt16(Buffer, DatagramLayout.ReceiverId, receiverId);
            Bytes.WriteUInt32(Buffer, DatagramLayout.Sequence, sequence);
            Bytes.WriteUInt32(Buffer, DatagramLayout.UptimeMs, uptimeMs);
        }
    }
}
