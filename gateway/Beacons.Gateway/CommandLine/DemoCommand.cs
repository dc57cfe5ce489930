using System.CommandLine;
using Beacons.Gateway.Drills;
using System.Net;
using Beacons.Gateway.Serving;
using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons demo`, and `beacons` with no command: the gateway with the default venue and a simulated
/// drill, so the product shows something real without hardware. The simulator's virtual receivers send
/// real authenticated datagrams to the gateway's UDP port and its controller actions go through the
/// gateway's own API, exactly as on a drill day.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the gateway with the default school venue and a simulated drill (what `beacons` alone does).");
        var options = new DemoOptions(command);
        command.SetAction((parse, cancel) => RunAsync(parse, options, cancel));
        return command;
    }

    /// <summary>Makes `beacons` with no command run the demo, with the same options.</summary>
    public static void AddTo(RootCommand root)
    {
        var options = new DemoOptions(root);
        root.SetAction((parse, cancel) => RunAsync(parse, options, cancel));
    }

    private sealed class DemoOptions
    {
        public readonly Option<double> Speed = new("--speed")
        {
            Description = "Drill seconds per real second (the demo drill lasts about 27 minutes at 1).",
            DefaultValueFactory = _ => 1,
        };

        public readonly Option<int> Seed = new("--seed") { Description = "The simulation's seed: the same seed plays the same drill.", DefaultValueFactory = _ => 1 };
        public readonly Option<string?> Db = new("--db") { Description = "The drill record; default a new demo-<time>.db in the data folder (beacons drills lists them)." };
        public readonly Option<string> Urls = new("--urls") { Description = "Where the dashboard and API listen.", DefaultValueFactory = _ => GatewayOptions.DefaultUrls };
        public readonly Option<int> UdpPort = new("--udp-port") { Description = "UDP port the virtual receivers send to.", DefaultValueFactory = _ => GatewayOptions.DefaultUdpPort };

        public DemoOptions(Command command)
        {
            command.Options.Add(Speed);
            command.Options.Add(Seed);
            command.Options.Add(Db);
            command.Options.Add(Urls);
            command.Options.Add(UdpPort);
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, DemoOptions o, CancellationToken cancel)
    {
        double speed = parse.GetValue(o.Speed);
        if (speed <= 0 || speed > 100)
        {
            Console.Error.WriteLine("beacons demo: --speed must be more than 0 and at most 100");
            return 2;
        }

        DrillFiles demo;
        try
        {
            demo = DemoDrill.Load();
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(Console.Error, "beacons demo: the demo files are broken");
            return 1;
        }

        string dbPath;
        try
        {
            // A new record per run: the scenario starts again from T0, and mixing two runs would make one drill of two.
            dbPath = parse.GetValue(o.Db) ?? DataFolder.DemoRecord(DateTime.Now);
        }
        catch (Exception e) when (e is DrillNotFoundException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"beacons demo: cannot make the data folder: {e.Message}");
            return 1;
        }

        var options = new GatewayOptions
        {
            DbPath = dbPath,
            UdpPort = parse.GetValue(o.UdpPort),
            Urls = parse.GetValue(o.Urls)!,

            // The demo's files sit beside the program, which may not be writable: its walks go beside its records.
            SurveyFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbPath))!, "survey"),

            // The record says the drill ran sped up, so the review does not pass compressed times off as real.
            Pipeline = new Beacons.Gateway.Ingest.PipelineSettings { Speed = speed == 1 ? null : speed },
        };

        RunningGateway gateway;
        try
        {
            gateway = await GatewayApp.StartAsync(demo.Venue, demo.Exercise, options);
        }
        catch (GatewayStartException e)
        {
            Console.Error.WriteLine($"beacons demo: {e.Message}");
            return 1;
        }

        await using (gateway)
        {
            string dashboard = gateway.Urls.First().TrimEnd('/') + "/";
            Console.WriteLine($"beacons demo: a simulated drill at {demo.Venue.Name}, {speed:0.##}x real time");
            Console.WriteLine($"  dashboard  {dashboard}");
            Console.WriteLine($"  review     {dashboard}review.html");
            Console.WriteLine($"  record     {gateway.Runtime.Store.Path}");
            Console.WriteLine(GatewayCommand.EvaluatorLine(gateway));
            Console.WriteLine(GatewayCommand.SurveyLine(gateway));
            Console.WriteLine("Ctrl+C stops the demo.");

            await using var control = new GatewayControl(new Uri(dashboard), gateway.Token.Required ? gateway.Token.Value : null);
            var simulation = new SimulationOptions
            {
                Speed = speed,
                Seed = (ulong)parse.GetValue(o.Seed),
                OnControllerAction = control.Enqueue,
            };
            await using RunningDrill drill = SimulatedDrill.Start(
                demo.Venue, demo.Exercise, demo.Scenario, new IPEndPoint(IPAddress.Loopback, gateway.UdpPort), simulation, cancel);
            try
            {
                await drill.Completion.WaitAsync(cancel);
                Console.WriteLine("beacons demo: the simulated drill is over; the gateway keeps serving its record until Ctrl+C.");
                await gateway.WaitForShutdownAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C
            }

            Console.WriteLine("beacons demo: stopping");
        }

        return GatewayCommand.SayWhatTheRecordHolds(gateway.Runtime, "beacons demo", Console.Out);
    }
}
