using System.CommandLine;
using Beacons.Gateway.Drills;
using Beacons.Gateway.Serving;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons setup [FOLDER]`: the Setup page over a drill's folder, where a controller draws the venue and makes the
/// roster; on "Start the drill" the same process becomes the live gateway on the same address. docs/setup.md.
/// </summary>
public static class SetupCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "The drill's folder: venue.json, exercise.json and plans/ (made if missing).", DefaultValueFactory = _ => "." };
        var urls = new Option<string>("--urls") { Description = "Where the Setup page (then the dashboard) listens. Beyond loopback a controller token is required.", DefaultValueFactory = _ => GatewayOptions.DefaultUrls };
        var token = new Option<string?>("--token") { Description = "The controller token (generated and printed when listening beyond loopback without one)." };
        var udpPort = new Option<int>("--udp-port") { Description = "UDP port the receivers send to, once the drill starts.", DefaultValueFactory = _ => GatewayOptions.DefaultUdpPort };
        var command = new Command("setup", "Prepare a drill from a web page: draw the venue on its floor plans, make the roster, then start the gateway.")
        {
            folder, urls, token, udpPort,
        };
        command.SetAction(async (parse, cancel) =>
        {
            SetupFolder setupFolder = new(parse.GetValue(folder)!);
            RunningSetup setup;
            try
            {
                Directory.CreateDirectory(setupFolder.Root);
                setup = await SetupApp.StartAsync(setupFolder, new SetupOptions { Urls = parse.GetValue(urls)!, Token = parse.GetValue(token), UdpPort = parse.GetValue(udpPort) });
            }
            catch (Exception e) when (e is GatewayStartException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"beacons setup: {e.Message}");
                return 1;
            }

            bool start;
            await using (setup)
            {
                Describe(setup, setupFolder, Console.Out);
                Task shutdown = setup.WaitForShutdownAsync(cancel);
                await Task.WhenAny(setup.Handover.Requested, shutdown);
                start = setup.Handover.Requested.IsCompleted && !cancel.IsCancellationRequested;
            }

            if (!start)
            {
                Console.Out.WriteLine("beacons setup: stopped");
                return 0;
            }

            return await StartDrillAsync(setupFolder, setup, parse.GetValue(udpPort), cancel);
        });
        return command;
    }

    /// <summary>The handover: the folder's files load as `beacons gateway` loads them, and the gateway runs on the Setup page's addresses and token.</summary>
    private static async Task<int> StartDrillAsync(SetupFolder folder, RunningSetup setup, int udpPort, CancellationToken cancel)
    {
        Beacons.Venue.Venue venue;
        Exercise exercise;
        string dbPath;
        try
        {
            venue = VenueFile.Load(folder.VenuePath);
            exercise = ExerciseFile.Load(folder.ExercisePath, venue);
            dbPath = DataFolder.ExerciseRecord(exercise.ExerciseId);
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(Console.Error, "beacons setup");
            return 1;
        }
        catch (Exception e) when (e is DrillNotFoundException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"beacons setup: cannot make the data folder: {e.Message}");
            return 1;
        }

        Console.Out.WriteLine("beacons setup: starting the drill");
        var options = new GatewayOptions
        {
            DbPath = dbPath,
            Urls = string.Join(';', setup.Urls),
            Token = setup.Token.Value,
            UdpPort = udpPort,
            VenueFolder = folder.Root,
        };
        return await GatewayCommand.RunAsync(venue, exercise, options, Console.Out, cancel);
    }

    private static void Describe(RunningSetup setup, SetupFolder folder, TextWriter output)
    {
        output.WriteLine($"beacons setup: preparing the drill in {folder.Root}");
        foreach (string url in setup.Urls)
        {
            // The same address is the dashboard once the drill starts.
            output.WriteLine($"  dashboard  {url.TrimEnd('/')}/ (the Setup page until the drill starts)");
        }

        if (setup.Token.Required)
        {
            output.WriteLine($"  token      {setup.Token.Value}{(setup.Token.Generated ? " (generated: the page asks for it; the drill keeps it)" : "")}");
        }

        output.WriteLine("Ctrl+C stops the setup; the page's \"Start the drill\" starts the gateway.");
        output.Flush();
    }
}
