namespace Beacons.Simulator.Network;

/// <summary>One datagram a virtual receiver sent.</summary>
public sealed record SentDatagram(int ReceiverId, long SimMs, byte[] Bytes);

/// <summary>Keeps every datagram in memory: for tests, and for comparing two runs byte for byte.</summary>
public sealed class MemoryDatagramSink : IDatagramSink
{
    private readonly List<SentDatagram> _datagrams = new();

    public IReadOnlyList<SentDatagram> Datagrams => _datagrams;

    public void Send(ReadOnlySpan<byte> datagram, int receiverId, long simMs) => _datagrams.Add(new SentDatagram(receiverId, simMs, datagram.ToArray()));
}
