namespace Beacons.Protocol
{
    /// <summary>Byte offsets and sizes of the receiver-to-gateway UDP datagram. docs/protocol.md is the specification.</summary>
    public static class DatagramLayout
    {
        public const byte Version = 1;

        /// <summary>Under a typical 1,280-byte IPv6 minimum MTU with room for headers: never fragmented.</summary>
        public const int MaxLength = 1200;

        public const int VersionKind = 0;
        public const int ExerciseId = 1;
        public const int ReceiverId = 3;
        public const int Sequence = 5;
        public const int UptimeMs = 9;
        public const int HeaderLength = 13;
        public const int MacLength = 8;

        public const int ReportCount = HeaderLength;
        public const int FirstReport = HeaderLength + 1;

        /// <summary>Address (6), RSSI (1), age in ms (2), advert length (1); the advert bytes follow.</summary>
        public const int ReportFixedLength = 10;
        public const int AddressLength = 6;

        public const int HeartbeatBodyLength = 15;

        public const int MinLength = HeaderLength + 1 + MacLength;
    }

    public enum DatagramKind : byte
    {
        None = 0,
        Reports = 1,
        Heartbeat = 2,
    }

    /// <summary>What a received datagram turned out to be; like <see cref="DecodeStatus"/>, never an exception.</summary>
    public enum DatagramStatus : byte
    {
        Ok = 0,
        TooShort = 1,
        TooLong = 2,
        UnsupportedVersion = 3,
        UnknownKind = 4,

        /// <summary>The reports do not fill the body exactly (a count or a length that lies).</summary>
        BadReports = 5,
        BadLength = 6,
        BadArguments = 7,
    }
}
