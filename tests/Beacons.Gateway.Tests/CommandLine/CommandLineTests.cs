using System.Net;
using System.Net.Sockets;
using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>The real `beacons` program: a person gets one clear line and a non-zero exit, never a stack trace.</summary>
public class CommandLineTests
{
    [Fact]
    public void A_bad_venue_file_is_every_problem_one_line_each_naming_the_file_and_field()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        File.WriteAllText(venue, File.ReadAllText(venue).Replace("\"id\":3,", "\"id\":300,"));

        (int exit, string output, string error) = BeaconsProcess.Run(directory, "gateway", "--venue", venue, "--exercise", exercise);

        Assert.Equal(1, exit);
        // The zone out of range drops zone 3: no CCP is left, and receiver 3 stands in an unknown zone.
        Assert.Equal(
            [
                "beacons gateway: venue.json: $.zones[2].id: 300 is out of 1..255",
                "beacons gateway: venue.json: $.zones: no zone is the casualty collection point: mark exactly one with \"ccp\": true",
                "beacons gateway: venue.json: $.receivers[2].zone: unknown zone 3 (not in $.zones)",
            ],
            error.Trim().Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void Missing_files_are_asked_for()
    {
        string directory = LiveGateway.NewDirectory();

        (int exit, _, string error) = BeaconsProcess.Run(directory, "gateway");
        (int exit2, _, string error2) = BeaconsProcess.Run(directory, "gateway", "--venue", "nope.json", "--exercise", "nope.json");

        Assert.Equal(2, exit);
        Assert.Contains("--venue FILE --exercise FILE", error);
        Assert.Equal(1, exit2);
        Assert.Equal("beacons gateway: nope.json: $: cannot read the file: no such file", error2.Trim());
    }

    [Fact]
    public void A_udp_port_in_use_is_one_line()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Any, 0));
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        (int exit, _, string error) = BeaconsProcess.Run(directory, "gateway", "--venue", venue, "--exercise", exercise, "--udp-port", port.ToString(), "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exit);
        Assert.Equal($"beacons gateway: UDP port {port} is in use (another gateway?); choose another with --udp-port", error.Trim());
    }

    [Fact]
    public void An_http_address_in_use_is_one_line()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            (int exit, _, string error) = BeaconsProcess.Run(directory, "gateway", "--venue", venue, "--exercise", exercise, "--udp-port", "0", "--urls", $"http://127.0.0.1:{port}");

            Assert.Equal(1, exit);
            Assert.StartsWith($"beacons gateway: cannot listen on http://127.0.0.1:{port}: the address is in use", error.Trim());
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void An_unusable_record_is_one_line()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        string notADatabase = Path.Combine(directory, "junk.db");
        File.WriteAllText(notADatabase, new string('x', 10_000));

        (int exit, _, string error) = BeaconsProcess.Run(directory, "gateway", "--venue", venue, "--exercise", exercise, "--db", notADatabase, "--udp-port", "0", "--urls", "http://127.0.0.1:0");
        (int exit2, _, string error2) = BeaconsProcess.Run(directory, "gateway", "--venue", venue, "--exercise", exercise, "--db", "/no/such/dir/x.db", "--udp-port", "0", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exit);
        Assert.StartsWith($"beacons gateway: cannot open the record {notADatabase}: ", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(1, exit2);
        Assert.Equal("beacons gateway: cannot open the record /no/such/dir/x.db: no such directory", error2.Trim());
    }

    [Fact]
    public void Replaying_a_file_that_is_not_a_capture_is_one_line()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);

        (int exit, _, string error) = BeaconsProcess.Run(directory, "replay", venue, "--venue", venue, "--exercise", exercise);

        Assert.Equal(1, exit);
        Assert.Equal($"beacons replay: {venue}: not a btsnoop capture (no \"btsnoop\" signature)", error.Trim());
    }
}
