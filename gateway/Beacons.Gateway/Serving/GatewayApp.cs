using System.Net;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Sources;

namespace Beacons.Gateway.Serving;

public sealed record GatewayOptions
{
    public const int DefaultUdpPort = 47800;
    public const string DefaultUrls = "http://127.0.0.1:47880";

    public string DbPath { get; init; } = "beacons-record.db";

    /// <summary>0 picks a free port (tests).</summary>
    public int UdpPort { get; init; } = DefaultUdpPort;

    /// <summary>Receivers reach the gateway over Wi-Fi, so by default it listens for them on every address.</summary>
    public IPAddress UdpAddress { get; init; } = IPAddress.Any;

    /// <summary>Where the API and dashboard listen; semicolons separate several. Port 0 picks a free one.</summary>
    public string Urls { get; init; } = DefaultUrls;

    public string? Token { get; init; }

    /// <summary>The evaluator token; null makes one up at start.</summary>
    public string? EvaluatorToken { get; init; }

    public bool RecordRaw { get; init; }

    public PipelineSettings Pipeline { get; init; } = new();

    /// <summary>The local Bluetooth adapter to listen on as well (hci0 = 0), or null for none.</summary>
    public int? HciDevice { get; init; }

    /// <summary>The venue receiver the local adapter's hearing counts for (0: none, it places nobody).</summary>
    public int HciReceiver { get; init; }

    /// <summary>Where the dashboard's static files are; null for wwwroot beside the program.</summary>
    public string? WebRoot { get; init; }

    /// <summary>The venue file's folder, where its floors' images are; null serves none.</summary>
    public string? VenueFolder { get; init; }

    /// <summary>
    /// Where calibration walks are recorded and the newest is applied from at start (docs/zones.md, "Calibration walk"):
    /// this folder when given, else survey/ in <see cref="VenueFolder"/>; null with neither (no walk can be made).
    /// </summary>
    public string? SurveyFolder { get; init; }

    internal string? SurveyFolderInForce => SurveyFolder ?? (VenueFolder == null ? null : Path.Combine(VenueFolder, "survey"));
}

/// <summary>
/// Starts a whole gateway for a loaded venue and exercise: the record, the pipeline, the sources and the
/// web server. The command line calls it, tests call it, and a demo (the simulator) can call it with its
/// own files and aim its receivers at <see cref="RunningGateway.UdpPort"/>.
/// </summary>
public static class GatewayApp
{
    /// <summary>Throws <see cref="GatewayStartException"/> (one line) when something cannot start; nothing is left running then.</summary>
    public static async Task<RunningGateway> StartAsync(Beacons.Venue.Venue venue, Beacons.Venue.Exercise exercise, GatewayOptions options)
    {
        var stack = new Stack<IDisposable>();
        try
        {
            string[] urls = WebHost.SplitUrls(options.Urls);

            if (options.HciReceiver != 0 && venue.FindReceiver(options.HciReceiver) == null)
            {
                string placed = venue.Receivers.Count == 0 ? "none" : string.Join(", ", venue.Receivers.Select(r => r.Id));
                throw new GatewayStartException($"--hci-receiver {options.HciReceiver}: the venue {venue.Name} has no receiver {options.HciReceiver} (its receivers: {placed})");
            }

            ControllerToken token = ControllerToken.For(urls, options.Token, options.EvaluatorToken);
            EventStore store = EventStore.Open(options.DbPath);
            stack.Push(store);
            var counters = new IngestCounters();
            var runtime = new DrillRuntime(venue, exercise, store, options.Pipeline, counters, options.RecordRaw);
            stack.Push(runtime);
            // After the runtime has refused a record of another exercise: the review then needs nothing but the record.
            store.KeepDrillFiles(Beacons.Venue.VenueFile.Format(venue), Beacons.Venue.ExerciseFile.FormatWithoutKeys(exercise), options.VenueFolder);
            UdpSource udp = UdpSource.Start(options.UdpAddress, options.UdpPort, runtime);
            stack.Push(udp);
            if (options.HciDevice is int device)
            {
                stack.Push(HciSource.Start(device, options.HciReceiver, runtime));
            }

            var survey = new SurveyWalk(venue, exercise, options.SurveyFolderInForce);
            string surveyAtStart = await runtime.OnPipelineAsync((pipeline, now) =>
            {
                pipeline.Follower = survey;
                return survey.ApplyLatest(pipeline, now);
            });
            long startedAt = runtime.Now;
            WebApplication app = WebHost.Build(urls, options.WebRoot, 64 * 1024);
            // However the stop comes (Ctrl+C reaches the web host first), requests waiting on a record that cannot be
            // written must be answered for the server to stop: the runtime gives up on them after its patience.
            app.Lifetime.ApplicationStopping.Register(runtime.BeginStop);
            Problems.Use(app, counters);
            SiteGuard.Use(app, token, urls, counters);
            WebHost.ServeFiles(app, options.WebRoot, defaultFiles: true);

            Api.Map(app, runtime, token, udp.Port, startedAt);
            ReviewApi.Map(app, runtime, options.VenueFolder);
            SurveyApi.Map(app, runtime, survey);
            FloorImages.Map(app, venue, options.VenueFolder);
            string[] bound = await WebHost.ListenAsync(app, urls);
            return new RunningGateway(app, runtime, stack, bound, udp.Port, token, surveyAtStart);
        }
        catch (Exception e) when (e is StoreException or SourceException or GatewayStartException)
        {
            while (stack.Count > 0)
            {
                stack.Pop().Dispose();
            }

            throw e as GatewayStartException ?? new GatewayStartException(e.Message);
        }
        catch
        {
            while (stack.Count > 0)
            {
                stack.Pop().Dispose();
            }

            throw;
        }
    }
}

/// <summary>A gateway that is running; dispose it to stop (everything queued is committed first).</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stack<IDisposable> _parts;

    internal RunningGateway(WebApplication app, DrillRuntime runtime, Stack<IDisposable> parts, IReadOnlyList<string> urls, int udpPort, ControllerToken token, string surveyAtStart)
    {
        SurveyAtStart = surveyAtStart;
        _app = app;
        _parts = parts;
        Runtime = runtime;
        Urls = urls;
        UdpPort = udpPort;
        Token = token;
    }

    public DrillRuntime Runtime { get; }

    /// <summary>The addresses the API actually listens on (free ports resolved).</summary>
    public IReadOnlyList<string> Urls { get; }

    public int UdpPort { get; }

    public ControllerToken Token { get; }

    /// <summary>What the calibration walks of the drill's folder gave at start: the offsets applied, or why none (for the console).</summary>
    public string SurveyAtStart { get; }

    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        while (_parts.Count > 0)
        {
            _parts.Pop().Dispose();
        }
    }
}

public sealed class GatewayStartException(string message) : Exception(message);
