namespace Beacons.Protocol
{
    /// <summary>
    /// One of our frames, as sent by a badge, a triage tag or a zone anchor. Mutable and reused:
    /// the device fills one before each new payload and the gateway decodes into one per thread,
    /// so neither allocates per advert. Only the body matching <see cref="Kind"/> is meaningful.
    /// </summary>
    public sealed class Frame
    {
        public FrameKind Kind;
        public ushort ExerciseId;
        public ushort DeviceId;

        /// <summary>Rises with every new payload and across reboots; the gateway rejects any that goes back.</summary>
        public uint Counter;

        /// <summary>The truncated MAC as read from the air (set by the decoder, computed by the writer).</summary>
        public uint Mac;

        /// <summary>Where the MAC-covered bytes (company ID + payload before the MAC) sit in the decoded buffer.</summary>
        public int SignedOffset;
        public int SignedLength;

        public readonly BadgeBody Badge = new BadgeBody();
        public readonly TagBody Tag = new TagBody();
        public readonly AnchorBody Anchor = new AnchorBody();
    }

    public sealed class BadgeBody
    {
        public OfficerRole Role;

        /// <summary>The zone the badge located itself in from anchors, or <see cref="Zone.None"/>.</summary>
        public byte Zone;
        public bool Emergency;

        /// <summary>0-100, or <see cref="FrameLayout.BatteryUnknown"/>.</summary>
        public byte BatteryPercent;
    }

    public sealed class TagBody
    {
        public TriageColour Colour;

        /// <summary>True once the medic committed the colour; an uncommitted colour is still being chosen.</summary>
        public bool Committed;

        /// <summary>Committed colour changes since the tag was placed, saturating at 255.</summary>
        public byte Changes;

        /// <summary>Seconds since the last committed change, saturating at 65535.</summary>
        public ushort SecondsSinceChange;
        public byte Zone;
        public byte BatteryPercent;
    }

    public sealed class AnchorBody
    {
        public byte Zone;

        /// <summary>Calibrated RSSI at one metre, dBm: the reference the zone estimator scales by.</summary>
        public sbyte RssiAt1m;
    }
}
