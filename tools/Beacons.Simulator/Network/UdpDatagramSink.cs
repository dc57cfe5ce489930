using System.Net;
using System.Net.Sockets;

namespace Beacons.Simulator.Network;

/// <summary>
/// Sends each datagram to the gateway's UDP endpoint, like the receivers do over Wi-Fi. Every virtual
/// receiver has its own socket (its own source port), as separate boards would. A send that fails is
/// counted, never thrown: a receiver does not crash when Wi-Fi hiccups.
/// </summary>
public sealed class UdpDatagramSink : IDatagramSink, IDisposable
{
    private readonly IPEndPoint _gateway;
    private readonly Dictionary<int, Socket> _sockets = new();

    public UdpDatagramSink(IPEndPoint gateway)
    {
        _gateway = gateway;
    }

    public long Sent { get; private set; }

    public long Failed { get; private set; }

    public void Send(ReadOnlySpan<byte> datagram, int receiverId, long simMs)
    {
        try
        {
            if (!_sockets.TryGetValue(receiverId, out Socket? socket))
            {
                socket = new Socket(_gateway.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(_gateway);
                _sockets[receiverId] = socket;
            }

            socket.Send(datagram);
            Sent++;
        }
        catch (SocketException)
        {
            // The gateway not listening yet (ICMP port unreachable) or a network blip: the datagram is lost, as on Wi-Fi.
            Failed++;
        }
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets.Values)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }
}
