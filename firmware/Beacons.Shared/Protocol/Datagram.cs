namespace Beacons.Protocol
{
    /// <summary>
    /// A receiver datagram's header, as <see cref="DatagramReader"/> read it. Reused, like <see cref="Frame"/>;
    /// the reports stay in the received buffer and are walked with <see cref="DatagramReader.NextReport"/>.
    /// </summary>
    public sealed class Datagram
    {
        public DatagramKind Kind;
        public ushort ExerciseId;
        public ushort ReceiverId;

        /// <summary>Rises with every datagram a receiver sends, across reboots; the gateway rejects any that goes back.</summary>
        public uint Sequence;

        /// <summary>The receiver's clock when it sent the datagram; report ages count back from it.</summary>
        public uint UptimeMs;
        public ulong Mac;
        public int SignedLength;

        public int ReportCount;
        public int ReportsOffset;

        public uint Heard;
        public uint Sent;
        public uint Dropped;
        public ushort Reconnects;
        public sbyte WifiRssi;
    }

    /// <summary>One advert as a receiver heard it; the advert bytes stay in the datagram buffer.</summary>
    public sealed class HeardReport
    {
        /// <summary>The 48-bit Bluetooth device address, most significant byte first as usually written.</summary>
        public ulong Address;
        public sbyte Rssi;

        /// <summary>Milliseconds between hearing the advert and sending the datagram, saturating at 65535.</summary>
        public ushort AgeMs;
        public int AdvertOffset;
        public int AdvertLength;
    }
}
