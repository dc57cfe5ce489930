namespace Beacons.Protocol
{
    /// <summary>Byte offsets and sizes of the v1 wire format. docs/protocol.md is the specification.</summary>
    public static class FrameLayout
    {
        public const byte Version = 1;

        /// <summary>Bluetooth SIG's company ID reserved for testing; a deployment may set its own.</summary>
        public const ushort DefaultCompanyId = 0xFFFF;
        public const ushort AppleCompanyId = 0x004C;

        /// <summary>A legacy advertising PDU carries at most 31 bytes of advertising data.</summary>
        public const int MaxAdvertisingData = 31;
        public const int FlagsAdLength = 3;
        public const byte AdTypeFlags = 0x01;
        public const byte AdTypeManufacturerData = 0xFF;

        /// <summary>LE General Discoverable, BR/EDR not supported.</summary>
        public const byte FlagsValue = 0x06;

        // Payload offsets, counted from the first byte after the company ID.
        public const int VersionKind = 0;
        public const int ExerciseId = 1;
        public const int DeviceId = 3;
        public const int Counter = 5;
        public const int Body = 9;
        public const int HeaderLength = 9;
        public const int MacLength = 4;

        public const int BadgeBodyLength = 4;
        public const int TagBodyLength = 6;
        public const int AnchorBodyLength = 2;

        public const byte BatteryUnknown = 0xFF;
        public const byte BadgeFlagEmergency = 0x01;
        public const byte TagCommittedBit = 0x08;
        public const byte TagColourMask = 0x07;

        public static int BodyLength(FrameKind kind)
        {
            switch (kind)
            {
                case FrameKind.Badge: return BadgeBodyLength;
                case FrameKind.Tag: return TagBodyLength;
                case FrameKind.Anchor: return AnchorBodyLength;
                default: return -1;
            }
        }

        /// <summary>Bytes after the company ID: header, body and MAC.</summary>
        public static int PayloadLength(FrameKind kind)
        {
            return HeaderLength + BodyLength(kind) + MacLength;
        }
    }
}
