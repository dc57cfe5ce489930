using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Beacons.Gateway.Serving;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons simulate`: every device of a drill's files switched on and standing still, as before T0, sending real
/// authenticated datagrams to a gateway (the simulator's virtual receivers, docs/simulator.md "Every device
/// standing"). A controller sees the readiness board fill without a single board on the table.
/// </summary>
public static class SimulateCommand
{
    // Counters and datagram sequences start here, rising ten per second of wall time: a second run against the same
    // record starts above where the first stopped (a receiver sends at most five datagrams a second), so the
    // gateway's replay guard never takes the new run for a replay of the old one. Fits a uint until 2039.
    private static readonly DateTime CounterEpoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Command Create()
    {
        var venue = new Option<string?>("--venue") { Description = "The venue file (docs/venue.md)." };
        var exercise = new Option<string?>("--exercise") { Description = "The exercise file (docs/venue.md)." };
        var udpPort = new Option<int>("--udp-port") { Description = "The gateway's UDP port for receivers.", DefaultValueFactory = _ => GatewayOptions.DefaultUdpPort };
        var gateway = new Option<string>("--gateway") { Description = "The gateway's address: a host name, an IP address or its dashboard URL.", DefaultValueFactory = _ => "127.0.0.1" };
        var seed = new Option<int>("--seed") { Description = "Where the devices stand and how the radio behaves: the same seed, the same places.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Switch on every device of a venue and exercise, standing still, sending to a gateway (until Ctrl+C).")
        {
            venue, exercise, udpPort, gateway, seed,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string? venuePath = parse.GetValue(venue);
            string? exercisePath = parse.GetValue(exercise);
            if (venuePath == null || exercisePath == null)
            {
                Console.Error.WriteLine("beacons simulate: give the drill's files: --venue FILE --exercise FILE (docs/venue.md)");
                return 2;
            }

            if (parse.GetValue(udpPort) is < 1 or > 65535)
            {
                Console.Error.WriteLine("beacons simulate: --udp-port must be 1..65535");
                return 2;
            }

            if (DrillFileArguments.Load(venuePath, exercisePath, "beacons simulate", Console.Error) is not var (loadedVenue, loadedExercise))
            {
                return 1;
            }

            IPAddress? address = Resolve(parse.GetValue(gateway)!);
            if (address == null)
            {
                Console.Error.WriteLine($"beacons simulate: cannot find the gateway \"{parse.GetValue(gateway)}\": give its host name, IP address or dashboard URL");
                return 2;
            }

            return await RunAsync(loadedVenue, loadedExercise, new IPEndPoint(address, parse.GetValue(udpPort)), (ulong)parse.GetValue(seed), cancel);
        });
        return command;
    }

    private static async Task<int> RunAsync(Beacons.Venue.Venue venue, Exercise exercise, IPEndPoint gateway, ulong seed, CancellationToken cancel)
    {
        DrillScenario standing = StandingScenario.For(venue, exercise, seed);
        var options = new SimulationOptions
        {
            Speed = 1,
            Seed = seed,
            CounterBase = (uint)((DateTime.UtcNow - CounterEpoch).TotalSeconds * 10),
            KeepTruth = false,
        };
        using var sink = new UdpDatagramSink(gateway);
        Console.WriteLine($"beacons simulate: {exercise.Officers.Count} badges, {exercise.Tags.Count} tags, {venue.Anchors.Count} anchors and "
            + $"{venue.Receivers.Count} receivers of \"{exercise.Name}\" at {venue.Name} switched on, standing");
        Console.WriteLine($"  sending to   {gateway} (UDP)");
        Console.WriteLine("Ctrl+C switches them off.");
        await using (RunningDrill drill = SimulatedDrill.Start(venue, exercise, standing, sink, options, cancel))
        {
            try
            {
                await drill.Completion.WaitAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C
            }
        }

        Console.WriteLine($"beacons simulate: switched off; {sink.Sent} datagrams sent, {sink.Failed} could not be sent");
        return 0;
    }

    /// <summary>The gateway's IP address from a host name, an address or a URL; IPv4 first, as the gateway listens on it.</summary>
    private static IPAddress? Resolve(string gateway)
    {
        string host = Uri.TryCreate(gateway, UriKind.Absolute, out Uri? url) && url.Host != "" ? url.Host : gateway.Trim();
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address))
        {
            return address;
        }

        try
        {
            IPAddress[] found = Dns.GetHostAddresses(host);
            return found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault();
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return null;
        }
    }
}
