using System.Net;
using System.Net.Sockets;
using System.Text;
using Beacons.Protocol;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Simulator.Scenario;
using Xunit;

namespace Beacons.Simulator.Tests;

public class NetworkTests
{
    [Fact]
    public async Task A_running_drill_sends_real_udp_datagrams_that_verify_at_the_other_end()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = (IPEndPoint)listener.Client.LocalEndPoint!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using RunningDrill drill = SimulatedDrill.Start(Drills.Demo.Venue, Drills.Demo.Exercise, Drills.Demo.Scenario, endpoint,
            new SimulationOptions { Speed = 20, Seed = 9 }, timeout.Token);

        var datagram = new Datagram();
        var receivers = new HashSet<int>();
        int verified = 0;
        while (verified < 200)
        {
            UdpReceiveResult received = await listener.ReceiveAsync(timeout.Token);
            Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(received.Buffer, received.Buffer.Length, datagram));
            Assert.True(DatagramReader.Verify(Drills.Demo.Exercise.FindReceiver(datagram.ReceiverId)!.MacKey, received.Buffer, datagram));
            receivers.Add(datagram.ReceiverId);
            verified++;
        }

        Assert.True(receivers.Count >= 10, $"datagrams from only {receivers.Count} receivers");
        Assert.True(drill.Seconds > drill.Engine.Scenario.StartSeconds, "the drill's clock did not move");
        drill.Stop();
        await drill.Completion.WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task Controller_actions_become_the_gateway_api_requests()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        using var http = new HttpListener();
        http.Prefixes.Add($"http://localhost:{port}/");
        http.Start();
        var requests = new List<string>();
        Task serving = Task.Run(async () =>
        {
            for (int i = 0; i < 4; i++)
            {
                HttpListenerContext context = await http.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                string body = await reader.ReadToEndAsync();
                lock (requests)
                {
                    requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.Headers["Authorization"]} {body}");
                }

                context.Response.StatusCode = i == 3 ? 409 : 200;
                context.Response.Close();
            }
        });

        var control = new GatewayControl(new Uri($"http://localhost:{port}/"), "s3cret");
        control.Enqueue(new StartClockAction(0));
        control.Enqueue(new ZoneStatusAction(340, 12, Venue.ZoneStatus.Warm));
        control.Enqueue(new AnnotationAction(310, "threat-neutralized", "Suspect down"));
        control.Enqueue(new StopClockAction(1530));
        await control.DisposeAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            [
                "POST /api/clock/start Bearer s3cret {\"confirm\":true}",
                "POST /api/zones/12/status Bearer s3cret {\"status\":\"warm\"}",
                "POST /api/annotations Bearer s3cret {\"type\":\"threat-neutralized\",\"text\":\"Suspect down\"}",
                "POST /api/clock/stop Bearer s3cret ",
            ],
            requests);
        Assert.Equal(3, control.Sent);
        Assert.Equal(1, control.Failed);
        Assert.Contains("HTTP 409", control.LastProblem);
    }
}
