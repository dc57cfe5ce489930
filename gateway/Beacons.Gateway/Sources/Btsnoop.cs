using System.Buffers.Binary;


namespace Beacons.Gateway.Sources;

/// <summary>One packet of a btsnoop capture.</summary>
/// <param name="Flags">Bit 0: 1 = received by the host; bit 1: 1 = command/event (0 = data).</param>
public sealed record BtsnoopRecord(long AtMs, uint Flags, uint Drops, byte[] Packet, uint OriginalLength);

/// <summary>
/// The btsnoop capture format (what Android's HCI snoop log, btmon -w and Wireshark write): a 16-byte
/// header "btsnoop\0", version 1, datalink 1001 (HCI without packet-type byte) or 1002 (HCI UART/H4,
/// type byte first), then records of original length, included length, flags, drops and a timestamp in
/// microseconds since year 0, all big-endian.
/// </summary>
public static class Btsnoop
{
    public const uint DatalinkHci = 1001;
    public const uint DatalinkH4 = 1002;
    public const uint FlagReceived = 0x01;
    public const uint FlagCommandOrEvent = 0x02;

    /// <summary>Microseconds from 0000-01-01 to 1970-01-01, the offset btsnoop timestamps carry.</summary>
    public const long EpochDeltaUs = 0x00DCDDB30F2F8000;

    /// <summary>Larger than any HCI packet; a larger length means the file is corrupt.</summary>
    public const int MaxPacket = 65_535 + 5;

    /// <summary>
    /// The HCI event packet (without the type byte) a record carries, or null when it carries something
    /// else (commands, ACL data, packets sent by the host).
    /// </summary>
    public static byte[]? EventOf(BtsnoopRecord record, uint datalink)
    {
        if (datalink == DatalinkH4)
        {
            return record.Packet.Length > 0 && record.Packet[0] == HciEvents.H4Event ? record.Packet[1..] : null;
        }

        return (record.Flags & (FlagReceived | FlagCommandOrEvent)) == (FlagReceived | FlagCommandOrEvent) ? record.Packet : null;
    }
}

/// <summary>Reads a btsnoop capture record by record. A header that is not btsnoop throws <see cref="BtsnoopException"/>; a corrupt record ends the reading and is reported by <see cref="Malformed"/>.</summary>
public sealed class BtsnoopReader
{
    private readonly Stream _stream;

    public BtsnoopReader(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[16];
        if (!ReadExactly(header))
        {
            throw new BtsnoopException("not a btsnoop capture (shorter than its 16-byte header)");
        }

        if (!header[..8].SequenceEqual("btsnoop\0"u8))
        {
            throw new BtsnoopException("not a btsnoop capture (no \"btsnoop\" signature)");
        }

        uint version = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        Datalink = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        if (version != 1)
        {
            throw new BtsnoopException($"btsnoop version {version} is not supported (only 1)");
        }

        if (Datalink != Btsnoop.DatalinkHci && Datalink != Btsnoop.DatalinkH4)
        {
            throw new BtsnoopException($"btsnoop datalink {Datalink} is not supported (only 1001 HCI and 1002 H4)");
        }
    }

    public uint Datalink { get; }

    /// <summary>True when reading stopped at a record that could not be read (truncated or impossible lengths).</summary>
    public bool Malformed { get; private set; }

    /// <summary>The next record, or null at the end of the capture (or at a corrupt record).</summary>
    public BtsnoopRecord? Next()
    {
        Span<byte> h = stackalloc byte[24];
        int got = ReadSome(h);
        if (got == 0)
        {
            return null;
        }

        if (got < h.Length)
        {
            Malformed = true;
            return null;
        }

        uint original = BinaryPrimitives.ReadUInt32BigEndian(h);
        uint included = BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
        uint flags = BinaryPrimitives.ReadUInt32BigEndian(h[8..]);
        uint drops = BinaryPrimitives.ReadUInt32BigEndian(h[12..]);
        long timestampUs = BinaryPrimitives.ReadInt64BigEndian(h[16..]);
        if (included > Btsnoop.MaxPacket || included > original)
        {
            Malformed = true;
            return null;
        }

        var packet = new byte[included];
        if (!ReadExactly(packet))
        {
            Malformed = true;
            return null;
        }

        long unixUs = timestampUs - Btsnoop.EpochDeltaUs;
        return new BtsnoopRecord(unixUs / 1000, flags, drops, packet, original);
    }

    private bool ReadExactly(Span<byte> into) => ReadSome(into) == into.Length;

    private int ReadSome(Span<byte> into)
    {
        int total = 0;
        while (total < into.Length)
        {
            int n = _stream.Read(into[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}

/// <summary>Writes btsnoop captures: what tests and tools use to make captures the replay reads.</summary>
public sealed class BtsnoopWriter : IDisposable
{
    private readonly Stream _stream;

    public BtsnoopWriter(Stream stream, uint datalink = Btsnoop.DatalinkH4)
    {
        _stream = stream;
        Datalink = datalink;
        Span<byte> header = stackalloc byte[16];
        "btsnoop\0"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], datalink);
        _stream.Write(header);
    }

    public uint Datalink { get; }

    public void Write(byte[] packet, uint flags, long atMs, uint drops = 0)
    {
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32BigEndian(h, (uint)packet.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)packet.Length);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], flags);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], drops);
        BinaryPrimitives.WriteInt64BigEndian(h[16..], (atMs * 1000) + Btsnoop.EpochDeltaUs);
        _stream.Write(h);
        _stream.Write(packet);
    }

    /// <summary>Writes an HCI event packet (given without its type byte) as received by the host, in this capture's datalink.</summary>
    public void WriteEvent(byte[] eventPacket, long atMs)
    {
        byte[] packet = Datalink == Btsnoop.DatalinkH4 ? [HciEvents.H4Event, .. eventPacket] : eventPacket;
        Write(packet, Btsnoop.FlagReceived | Btsnoop.FlagCommandOrEvent, atMs);
    }

    public void Dispose() => _stream.Flush();
}

public sealed class BtsnoopException(string message) : Exception(message);
