using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Beacons.Gateway.Sources;

/// <summary>
/// How many datagrams the operating system dropped before the gateway could read them: the socket's
/// receive buffer was full. The gateway never sees these, so without asking the kernel a burst loses
/// frames unseen. On Linux the count is the socket's own (the `drops` column of /proc/net/udp and udp6,
/// found by the socket's inode). Elsewhere the OS gives only a machine-wide figure (UDP datagrams received
/// with errors, all programs together), counted from when the gateway started; docs/gateway-api.md says so.
/// </summary>
public sealed class KernelDrops
{
    private readonly Func<long?> _read;
    private readonly long _atStart;

    private KernelDrops(Func<long?> read, bool perSocket)
    {
        _read = read;
        PerSocket = perSocket;
        _atStart = perSocket ? 0 : read() ?? 0;
    }

    /// <summary>True when the count is this socket's alone; false for the machine-wide figure.</summary>
    public bool PerSocket { get; }

    public static KernelDrops For(Socket socket)
    {
        if (OperatingSystem.IsLinux() && SocketInode(socket) is string inode)
        {
            return new KernelDrops(() => LinuxDrops(inode), perSocket: true);
        }

        return new KernelDrops(MachineWide, perSocket: false);
    }

    /// <summary>Drops so far (since the socket opened, or since the gateway started for the machine-wide figure); null when the OS will not say.</summary>
    public long? Read()
    {
        long? now = _read();
        return now == null ? null : Math.Max(0, now.Value - _atStart);
    }

    private static string? SocketInode(Socket socket)
    {
        try
        {
            // /proc/self/fd/N links to "socket:[INODE]".
            string? target = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget;
            return target != null && target.StartsWith("socket:[") ? target[8..^1] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? LinuxDrops(string inode)
    {
        foreach (string table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            try
            {
                foreach (string line in File.ReadLines(table).Skip(1))
                {
                    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                    string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length >= 13 && f[9] == inode && long.TryParse(f[12], out long drops))
                    {
                        return drops;
                    }
                }
            }
            catch (IOException)
            {
                // no IPv6 table on this machine: try the other
            }
        }

        return null;
    }

    private static long? MachineWide()
    {
        try
        {
            IPGlobalProperties ip = IPGlobalProperties.GetIPGlobalProperties();
            return ip.GetUdpIPv4Statistics().IncomingDatagramsWithErrors + ip.GetUdpIPv6Statistics().IncomingDatagramsWithErrors;
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException)
        {
            return null;
        }
    }
}
