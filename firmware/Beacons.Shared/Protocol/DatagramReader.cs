namespace Beacons.Protocol
{
    /// <summary>Reads receiver datagrams on the gateway. Never throws, never allocates.</summary>
    public static class DatagramReader
    {
        /// <summary>Checks the whole datagram's structure and fills <paramref name="into"/>; the MAC is checked by <see cref="Verify"/>.</summary>
        public static DatagramStatus Read(byte[] buffer, int length, Datagram into)
        {
            if (buffer == null || into == null || length < 0 || length > buffer.Length)
            {
                return DatagramStatus.BadArguments;
            }

            if (length > DatagramLayout.MaxLength)
            {
                return DatagramStatus.TooLong;
            }

            if (length < DatagramLayout.MinLength)
            {
                return DatagramStatus.TooShort;
            }

            int version = buffer[DatagramLayout.VersionKind] >> 4;
            DatagramKind kind = (DatagramKind)(buffer[DatagramLayout.VersionKind] & 0x0F);
            if (version != DatagramLayout.Version)
            {
                return DatagramStatus.UnsupportedVersion;
            }

            into.Kind = kind;
            into.ExerciseId = Bytes.ReadUInt16(buffer, DatagramLayout.ExerciseId);
            into.ReceiverId = Bytes.ReadUInt16(buffer, DatagramLayout.ReceiverId);
            into.Sequence = Bytes.ReadUInt32(buffer, DatagramLayout.Sequence);
            into.UptimeMs = Bytes.ReadUInt32(buffer, DatagramLayout.UptimeMs);
            into.SignedLength = length - DatagramLayout.MacLength;
            into.Mac = Bytes.ReadUInt64(buffer, into.SignedLength);
            into.ReportCount = 0;
            into.ReportsOffset = DatagramLayout.FirstReport;

            if (kind == DatagramKind.Heartbeat)
            {
                return ReadHeartbeat(buffer, into);
            }

            if (kind != DatagramKind.Reports)
            {
                return DatagramStatus.UnknownKind;
            }

            int count = buffer[DatagramLayout.ReportCount];
            int pos = DatagramLayout.FirstReport;
            int end = into.SignedLength;
            for (int i = 0; i < count; i++)
            {
                if (end - pos < DatagramLayout.ReportFixedLength)
                {
                    return DatagramStatus.BadReports;
                }

                int advertLength = buffer[pos + DatagramLayout.ReportFixedLength - 1];
                if (advertLength > FrameLayout.MaxAdvertisingData || advertLength > end - pos - DatagramLayout.ReportFixedLength)
                {
                    return DatagramStatus.BadReports;
                }

                pos += DatagramLayout.ReportFixedLength + advertLength;
            }

            if (pos != end)
            {
                return DatagramStatus.BadReports;
            }

            into.ReportCount = count;
            return DatagramStatus.Ok;
        }

        public static bool Verify(MacKey key, byte[] buffer, Datagram datagram)
        {
            return SipHash.Compute(key, buffer, 0, datagram.SignedLength) == datagram.Mac;
        }

        /// <summary>
        /// Reads the report at <paramref name="position"/> and moves it to the next one. Only call it
        /// <see cref="Datagram.ReportCount"/> times, starting from <see cref="Datagram.ReportsOffset"/>,
        /// on a datagram <see cref="Read"/> accepted: the bounds were checked there.
        /// </summary>
        public static void NextReport(byte[] buffer, ref int position, HeardReport into)
        {
            int p = position;
            ulong address = 0;
            for (int i = 0; i < DatagramLayout.AddressLength; i++)
            {
                address = (address << 8) | buffer[p + i];
            }

            into.Address = address;
            into.Rssi = (sbyte)buffer[p + 6];
            into.AgeMs = Bytes.ReadUInt16(buffer, p + 7);
            into.AdvertLength = buffer[p + 9];
            into.AdvertOffset = p + DatagramLayout.ReportFixedLength;
            position = into.AdvertOffset + into.AdvertLength;
        }

        private static DatagramStatus ReadHeartbeat(byte[] b, Datagram into)
        {
            if (into.SignedLength != DatagramLayout.HeaderLength + DatagramLayout.HeartbeatBodyLength)
            {
                return DatagramStatus.BadLength;
            }

            int p = DatagramLayout.HeaderLength;
            into.Heard = Bytes.ReadUInt32(b, p);
            into.Sent = Bytes.ReadUInt32(b, p + 4);
            into.Dropped = Bytes.ReadUInt32(b, p + 8);
            into.Reconnects = Bytes.ReadUInt16(b, p + 12);
            into.WifiRssi = (sbyte)b[p + 14];
            return DatagramStatus.Ok;
        }
    }
}
