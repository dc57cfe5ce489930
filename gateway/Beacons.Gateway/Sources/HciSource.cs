using System.Runtime.InteropServices;
using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Sources;

/// <summary>
/// Listens to a local Bluetooth adapter on Linux through a raw HCI socket (AF_BLUETOOTH, libc calls, no
/// extra packages): sets the adapter scanning without duplicate filtering, and queues each advertising
/// report for the pipeline. Needs CAP_NET_RAW (root), an adapter that is up, and a BlueZ daemon that is
/// not scanning it at the same time. The byte parsing is in <see cref="HciEvents"/>, tested without hardware.
/// </summary>
public sealed class HciSource : IDisposable
{
    private const int AfBluetooth = 31;
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;
    private const int BtprotoHci = 1;
    private const int SolHci = 0;
    private const int HciFilterOption = 2;
    private const ushort HciChannelRaw = 0;
    private const int ShutRdwr = 2;

    private readonly int _fd;
    private readonly int _receiverId;
    private readonly DrillRuntime _runtime;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private HciSource(int fd, int receiverId, DrillRuntime runtime)
    {
        _fd = fd;
        _receiverId = receiverId;
        _runtime = runtime;
        _thread = new Thread(Receive) { Name = "beacons hci", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Opens hci<paramref name="device"/>; a <see cref="SourceException"/> says in one line why it cannot.</summary>
    public static HciSource Start(int device, int receiverId, DrillRuntime runtime)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new SourceException("--hci needs Linux (a raw HCI socket); use receivers over UDP instead");
        }

        int fd = socket(AfBluetooth, SockRaw | SockCloexec, BtprotoHci);
        if (fd < 0)
        {
            throw new SourceException($"cannot open a Bluetooth HCI socket: {Errno()} (no Bluetooth support, or not permitted: run as root or grant CAP_NET_RAW)");
        }

        var address = new SockaddrHci { Family = AfBluetooth, Device = (ushort)device, Channel = HciChannelRaw };
        if (bind(fd, ref address, Marshal.SizeOf<SockaddrHci>()) < 0)
        {
            string why = Errno();
            close(fd);
            throw new SourceException($"cannot open Bluetooth adapter hci{device}: {why}");
        }

        // Only events, and of those only LE Meta (0x3E), plus Command Complete/Status (0x0E/0x0F) for our own commands.
        var filter = new HciFilter { TypeMask = 1u << HciEvents.H4Event, EventMask0 = (1u << 0x0E) | (1u << 0x0F), EventMask1 = 1u << (HciEvents.LeMetaEvent - 32) };
        if (setsockopt(fd, SolHci, HciFilterOption, ref filter, Marshal.SizeOf<HciFilter>()) < 0)
        {
            string why = Errno();
            close(fd);
            throw new SourceException($"cannot filter Bluetooth adapter hci{device}: {why}");
        }

        // Passive scan, 10 ms interval and window (listen all the time), no duplicate filtering: the
        // gateway wants every advert for fresh RSSI, not one per device per scan.
        Command(fd, 0x200B, [0x00, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00]);
        Command(fd, 0x200C, [0x00, 0x00]);
        if (!Command(fd, 0x200C, [0x01, 0x00]))
        {
            string why = Errno();
            close(fd);
            throw new SourceException($"cannot start scanning on hci{device}: {why} (is the adapter up? `hciconfig hci{device} up`)");
        }

        return new HciSource(fd, receiverId, runtime);
    }

    public void Dispose()
    {
        _stopping = true;
        Command(_fd, 0x200C, [0x00, 0x00]);
        shutdown(_fd, ShutRdwr);
        close(_fd);
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Receive()
    {
        var buffer = new byte[1024];
        var adverts = new List<HciAdvert>();
        while (!_stopping)
        {
            nint n = recv(_fd, buffer, buffer.Length, 0);
            if (n <= 0)
            {
                if (_stopping || Marshal.GetLastPInvokeError() != 4 /* EINTR */)
                {
                    return;
                }

                continue;
            }

            long now = _runtime.Now;
            IngestCounters counters = _runtime.Counters;
            counters.Add(Counter.HciPackets);
            if (buffer[0] != HciEvents.H4Event)
            {
                counters.Add(Counter.HciIgnored);
                continue;
            }

            if (HciEvents.ParseCounted(buffer.AsSpan(1, (int)n - 1), adverts, counters))
            {
                _runtime.PostAdverts(adverts.Select(a => new HeardAdvert(a.Data, a.Rssi, now, _receiverId)).ToArray(), buffer[..(int)n]);
            }
        }
    }

    private static bool Command(int fd, ushort opcode, byte[] parameters)
    {
        byte[] packet = [HciEvents.H4Command, (byte)opcode, (byte)(opcode >> 8), (byte)parameters.Length, .. parameters];
        return write(fd, packet, packet.Length) == packet.Length;
    }

    private static string Errno() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrHci
    {
        public ushort Family;
        public ushort Device;
        public ushort Channel;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct HciFilter
    {
        public uint TypeMask;
        public uint EventMask0;
        public uint EventMask1;
        public ushort Opcode;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    private static extern int bind(int fd, ref SockaddrHci address, int length);

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, ref HciFilter value, int length);

    [DllImport("libc", SetLastError = true)]
    private static extern nint recv(int fd, byte[] buffer, nint length, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int shutdown(int fd, int how);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
