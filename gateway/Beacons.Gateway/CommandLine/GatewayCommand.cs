using System.CommandLine;
using Beacons.Gateway.Drills;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Serving;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>`beacons gateway`: the live gateway for a drill. docs/gateway.md describes running it.</summary>
public static class GatewayCommand
{
    public static Command Create()
    {
        var venue = new Option<string?>("--venue") { Description = "The venue file (docs/venue.md)." };
        var exercise = new Option<string?>("--exercise") { Description = "The exercise file (docs/venue.md)." };
        var db = new Option<string?>("--db") { Description = "The drill record (SQLite); default exercise-<id>.db in the data folder (beacons drills lists them). Restarting on the same record resumes the drill." };
        var udpPort = new Option<int>("--udp-port") { Description = "UDP port the receivers send to.", DefaultValueFactory = _ => GatewayOptions.DefaultUdpPort };
        var urls = new Option<string>("--urls") { Description = "Where the dashboard and API listen. Beyond loopback a controller token is required.", DefaultValueFactory = _ => GatewayOptions.DefaultUrls };
        var token = new Option<string?>("--token") { Description = "The controller token (generated and printed when listening beyond loopback without one)." };
        var evaluatorToken = new Option<string?>("--evaluator-token") { Description = "The evaluators' token: reads everything and adds observations, nothing else (generated and printed, with its link, when not given)." };
        var recordRaw = new Option<bool>("--record-raw") { Description = "Also keep every raw datagram in the record." };
        var hci = new Option<int?>("--hci") { Description = "Also listen on local Bluetooth adapter hciN (Linux, root)." };
        var hciReceiver = new Option<int>("--hci-receiver") { Description = "The venue receiver the local adapter counts as (places devices in its zone); 0 = none." };
        var officerSilent = new Option<int>("--officer-silent") { Description = "Seconds without hearing an officer before alerting.", DefaultValueFactory = _ => 60 };
        var redToCcp = new Option<int>("--red-to-ccp") { Description = "Minutes a red casualty may take to reach the CCP before alerting.", DefaultValueFactory = _ => 10 };
        var command = new Command("gateway", "Run the gateway: hear the receivers, keep the drill record, serve the live roster.")
        {
            venue, exercise, db, udpPort, urls, token, evaluatorToken, recordRaw, hci, hciReceiver, officerSilent, redToCcp,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string? venuePath = parse.GetValue(venue);
            string? exercisePath = parse.GetValue(exercise);
            if (venuePath == null || exercisePath == null)
            {
                Console.Error.WriteLine("beacons gateway: give the drill's files: --venue FILE --exercise FILE (docs/venue.md)");
                return 2;
            }

            if (parse.GetValue(udpPort) is < 0 or > 65535 || parse.GetValue(officerSilent) < 1 || parse.GetValue(redToCcp) < 1)
            {
                Console.Error.WriteLine("beacons gateway: --udp-port must be 0..65535, --officer-silent and --red-to-ccp at least 1");
                return 2;
            }

            if (DrillFileArguments.Load(venuePath, exercisePath, "beacons gateway", Console.Error) is not var (loadedVenue, loadedExercise))
            {
                return 1;
            }

            string dbPath;
            try
            {
                // One record per exercise in one per-user folder: a restart from any folder resumes the same drill.
                dbPath = parse.GetValue(db) ?? DataFolder.ExerciseRecord(loadedExercise.ExerciseId);
            }
            catch (Exception e) when (e is DrillNotFoundException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"beacons gateway: cannot make the data folder: {e.Message}");
                return 1;
            }

            var options = new GatewayOptions
            {
                DbPath = dbPath,
                UdpPort = parse.GetValue(udpPort),
                Urls = parse.GetValue(urls)!,
                Token = parse.GetValue(token),
                EvaluatorToken = parse.GetValue(evaluatorToken),
                RecordRaw = parse.GetValue(recordRaw),
                HciDevice = parse.GetValue(hci),
                HciReceiver = parse.GetValue(hciReceiver),
                VenueFolder = Path.GetDirectoryName(Path.GetFullPath(venuePath)),
                Pipeline = new PipelineSettings
                {
                    Alerts = new AlertSettings { OfficerSilentMs = parse.GetValue(officerSilent) * 1000L, RedToCcpMs = parse.GetValue(redToCcp) * 60_000L },
                },
            };
            return await RunAsync(loadedVenue, loadedExercise, options, Console.Out, cancel);
        });
        return command;
    }

    /// <summary>
    /// Runs a gateway for loaded files until Ctrl+C (or <paramref name="cancel"/>): what `beacons gateway`
    /// does after reading its files, and what a demo calls with files of its own.
    /// </summary>
    public static async Task<int> RunAsync(Beacons.Venue.Venue venue, Exercise exercise, GatewayOptions options, TextWriter output, CancellationToken cancel)
    {
        RunningGateway gateway;
        try
        {
            gateway = await GatewayApp.StartAsync(venue, exercise, options);
        }
        catch (GatewayStartException e)
        {
            Console.Error.WriteLine($"beacons gateway: {e.Message}");
            return 1;
        }

        await using (gateway)
        {
            Describe(gateway, venue, exercise, options, output);
            try
            {
                await gateway.WaitForShutdownAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }

            output.WriteLine("beacons gateway: stopping");
        }

        return SayWhatTheRecordHolds(gateway.Runtime, "beacons gateway", output);
    }

    /// <summary>Said once everything has stopped, when what the record holds is final; the exit code (1 when events were lost).</summary>
    public static int SayWhatTheRecordHolds(DrillRuntime runtime, string who, TextWriter output)
    {
        long recorded = runtime.Feed.Current.LastEventId;
        if (runtime.UnwrittenEvents > 0)
        {
            output.WriteLine($"{who}: stopped; the record holds events 1 to {recorded}, and the last {runtime.UnwrittenEvents} could not be written ({runtime.Fault})");
            return 1;
        }

        output.WriteLine($"{who}: stopped; the record holds all {recorded} events");
        return 0;
    }

    /// <summary>The link an evaluator opens: the dashboard with the evaluator token, which leaves the address bar once read.</summary>
    public static string EvaluatorLine(RunningGateway gateway) =>
        $"  evaluator  {gateway.Urls.First().TrimEnd('/')}/#token={Uri.EscapeDataString(gateway.Token.Evaluator)} (evaluators: read everything, add observations)";

    /// <summary>The receiver offsets applied at start from the drill's newest calibration walk, or why none (docs/zones.md).</summary>
    public static string SurveyLine(RunningGateway gateway) => $"  survey     {gateway.SurveyAtStart}";

    private static void Describe(RunningGateway gateway, Beacons.Venue.Venue venue, Exercise exercise, GatewayOptions options, TextWriter output)
    {
        long events = gateway.Runtime.Feed.Current.LastEventId;
        output.WriteLine($"beacons gateway: exercise {exercise.ExerciseId} \"{exercise.Name}\" at {venue.Name}");
        output.WriteLine($"  record     {gateway.Runtime.Store.Path} ({events} {(events == 1 ? "event" : "events")} so far{(options.RecordRaw ? ", raw datagrams kept" : "")})");
        output.WriteLine($"  receivers  UDP port {gateway.UdpPort} ({venue.Receivers.Count} in the venue)");
        if (options.HciDevice is int device)
        {
            output.WriteLine($"  adapter    hci{device}");
        }

        foreach (string url in gateway.Urls)
        {
            output.WriteLine($"  dashboard  {url.TrimEnd('/')}/");
        }

        if (gateway.Token.Required)
        {
            output.WriteLine($"  token      {gateway.Token.Value}{(gateway.Token.Generated ? " (generated: every API request and the stream need it)" : "")}");
        }

        output.WriteLine(EvaluatorLine(gateway));
        output.WriteLine(SurveyLine(gateway));
        output.WriteLine("Ctrl+C stops the gateway.");
        output.Flush();
    }
}
