using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Beacons.Gateway.Sources;
using Beacons.Gateway.Tests.Record;
using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Sources;

/// <summary>Datagrams the kernel drops before the gateway reads them are counted, not lost unseen.</summary>
public class KernelDropsTests
{
    [Fact]
    public void A_socket_nobody_reads_counts_what_the_kernel_dropped()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4096 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        KernelDrops drops = KernelDrops.For(socket);
        Assert.True(drops.PerSocket); // these tests run on Linux
        Assert.Equal(0, drops.Read());

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (int i = 0; i < 500; i++)
        {
            sender.SendTo(new byte[100], socket.LocalEndPoint!);
        }

        int queued = 0;
        while (socket.Available > 0)
        {
            socket.Receive(new byte[2048]);
            queued++;
        }

        Assert.True(queued < 500);
        Assert.Equal(500 - queued, drops.Read());
    }

    [Fact]
    public async Task A_gateway_that_could_not_read_in_time_says_how_many_datagrams_the_kernel_dropped()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        using BeaconsProcess gateway = CrashTests.Gateway(venue, exercise, Path.Combine(directory, "record.db"));
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var port = new IPEndPoint(IPAddress.Loopback, gateway.UdpPort);
        const int Sent = 20_000;

        // Stopped, the gateway reads nothing: whatever its socket buffer cannot hold, the kernel drops.
        SmallDisk.Run("kill", "-STOP", gateway.Pid.ToString());
        try
        {
            for (int i = 0; i < Sent; i++)
            {
                sender.SendTo(new byte[200], port); // junk: counted as received (and rejected), never lost unseen
            }
        }
        finally
        {
            SmallDisk.Run("kill", "-CONT", gateway.Pid.ToString());
        }

        long received = 0, dropped = 0;
        for (int tries = 0; tries < 100 && received + dropped < Sent; tries++)
        {
            await Task.Delay(100);
            JsonElement counters = JsonDocument.Parse(await http.GetStringAsync("api/counters")).RootElement.GetProperty("counters");
            received = counters.GetProperty("udp-datagrams").GetInt64();
            dropped = counters.GetProperty("udp-kernel-drops").GetInt64();
        }

        Assert.True(dropped > 0, $"received {received}, dropped {dropped}");
        Assert.Equal(Sent, received + dropped);
    }
}
