namespace Beacons.Protocol
{
    /// <summary>
    /// What a run of advertising bytes turned out to be. The decoder always answers with one of these;
    /// it never throws, so the gateway can count every kind of bad input instead of crashing on it.
    /// </summary>
    public enum DecodeStatus : byte
    {
        /// <summary>One of our frames, well formed. Its MAC is not checked yet: see <see cref="FrameMac"/>.</summary>
        Ours = 0,

        /// <summary>An Apple iBeacon, usable as a commercial zone anchor.</summary>
        IBeacon = 1,

        /// <summary>Well-formed advertising data that carries neither of the above.</summary>
        Foreign = 2,

        /// <summary>No bytes, or only zero padding.</summary>
        Empty = 3,

        /// <summary>More than the 31 bytes a legacy advert can carry.</summary>
        Oversized = 4,

        /// <summary>An AD structure's length runs past the end of the bytes.</summary>
        Truncated = 5,

        /// <summary>Our company ID, but a protocol version this build does not speak.</summary>
        UnsupportedVersion = 6,

        /// <summary>Our company ID and version, but a frame kind that does not exist.</summary>
        UnknownKind = 7,

        /// <summary>Our frame kind, but its length is not that kind's length.</summary>
        BadLength = 8,

        /// <summary>Our frame, of the right length, with a field out of its range (a colour of 7, say).</summary>
        BadField = 9,

        /// <summary>The buffer, offset and length given to the decoder do not describe bytes that exist.</summary>
        BadArguments = 10,
    }
}
