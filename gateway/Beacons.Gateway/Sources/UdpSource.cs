using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Sources;

/// <summary>
/// Receives the receivers' datagrams on a UDP port and queues them, as received, for the pipeline. Every
/// check (structure, key, sequence) happens there; this thread only reads the socket, so a burst never
/// waits on anything. Buffers are larger than the largest valid datagram so an oversized one is seen
/// as such (and counted), not truncated into something that looks valid.
/// </summary>
public sealed class UdpSource : IDisposable
{
    private const int BufferSize = 2048;

    private readonly Socket _socket;
    private readonly DrillRuntime _runtime;
    private readonly Thread _thread;
    private readonly KernelDrops _drops;
    private readonly Timer _dropCheck;
    private long _dropsCounted;
    private volatile bool _stopping;

    private UdpSource(Socket socket, DrillRuntime runtime)
    {
        _socket = socket;
        _runtime = runtime;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _drops = KernelDrops.For(socket);
        _thread = new Thread(Receive) { Name = "beacons udp", IsBackground = true };
        _thread.Start();
        _dropCheck = new Timer(_ => CountKernelDrops(), null, DropCheckMs, DropCheckMs);
    }

    /// <summary>How often the kernel is asked for the datagrams it dropped.</summary>
    public const int DropCheckMs = 1000;

    public int Port { get; }

    /// <summary>Binds the port (0 picks a free one) on every address; a <see cref="SourceException"/> says in one line why it cannot.</summary>
    public static UdpSource Start(IPAddress address, int port, DrillRuntime runtime)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = 8 * 1024 * 1024; // rides out bursts while the pipeline catches up
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SourceException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"UDP port {port} is in use (another gateway?); choose another with --udp-port"
                : $"cannot listen on UDP {address}:{port}: {e.Message}");
        }

        return new UdpSource(socket, runtime);
    }

    public void Dispose()
    {
        _stopping = true;
        _dropCheck.Dispose();
        CountKernelDrops(); // the last burst's drops, before the socket goes
        _socket.Dispose();
        _thread.Join();
    }

    /// <summary>Adds to udp-kernel-drops what the kernel dropped since the last look (one caller at a time: the timer does not overlap itself at 1 s).</summary>
    public void CountKernelDrops()
    {
        lock (_drops)
        {
            long? drops = _drops.Read();
            if (drops is long d && d > _dropsCounted)
            {
                _runtime.Counters.Add(Counter.UdpKernelDrops, d - _dropsCounted);
                _dropsCounted = d;
            }
        }
    }

    private void Receive()
    {
        while (!_stopping)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                // Windows reports an oversized datagram as an error rather than truncating it.
                ArrayPool<byte>.Shared.Return(buffer);
                _runtime.Counters.Add(Counter.UdpDatagrams);
                _runtime.Counters.Add(Counter.UdpTooLong);
                continue;
            }
            catch (Exception) when (_stopping)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }
            catch (ObjectDisposedException)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }

            if (!_runtime.PostDatagram(buffer, length, _runtime.Now))
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>A source cannot start; the message is one line for a controller.</summary>
public sealed class SourceException(string message) : Exception(message);
