using Beacons.Gateway.Ingest;
using Beacons.Gateway.Setup;

namespace Beacons.Gateway.Serving;

public sealed record SetupOptions
{
    /// <summary>Where the Setup page listens (semicolons separate several; port 0 picks a free one): later the dashboard's address too.</summary>
    public string Urls { get; init; } = GatewayOptions.DefaultUrls;

    public string? Token { get; init; }

    /// <summary>The UDP port the live gateway will hear receivers on: what the Devices step puts in their files (0: not known yet, the default).</summary>
    public int UdpPort { get; init; } = GatewayOptions.DefaultUdpPort;

    /// <summary>Where the page's static files are; null for wwwroot beside the program.</summary>
    public string? WebRoot { get; init; }
}

/// <summary>
/// The Setup page's host (`beacons setup`, docs/setup.md): the same static files as the dashboard, the JSON API
/// under /api/setup over one <see cref="SetupFolder"/>, and the gateway's token rules and site guard. There is no
/// drill yet: no record, no receivers heard. Each part of the page maps its own endpoints.
/// </summary>
public static class SetupApp
{
    // A floor plan travels as base64 in JSON (the site guard takes only JSON actions): a photo of a plan fits.
    private const long MaxBodyBytes = 24 * 1024 * 1024;

    /// <summary>Throws <see cref="GatewayStartException"/> (one line) when it cannot listen.</summary>
    public static async Task<RunningSetup> StartAsync(SetupFolder folder, SetupOptions options)
    {
        string[] urls = WebHost.SplitUrls(options.Urls);
        ControllerToken token = ControllerToken.For(urls, options.Token);
        var counters = new IngestCounters();
        var handover = new SetupHandover();
        WebApplication app = WebHost.Build(urls, options.WebRoot, MaxBodyBytes, services =>
        {
            services.AddSingleton(folder);
            services.AddSingleton(handover);
            services.AddSingleton(token);
        });
        Problems.Use(app, counters);
        SiteGuard.Use(app, token, urls, counters);
        app.Use(async (context, next) =>
        {
            // Setting up is the controller's alone: the evaluator token has no say here.
            if (context.Request.Path.StartsWithSegments("/api") && token.RoleOf(context.Request) != Role.Controller)
            {
                await Problems.Answer(counters, Counter.ApiUnauthorized, StatusCodes.Status401Unauthorized, "a controller token is required (Authorization: Bearer <token>, or ?token=)").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        WebHost.ServeFiles(app, options.WebRoot, defaultFiles: false);

        // While setting up, the gateway's address opens the Setup page; once the drill starts it is the dashboard.
        app.MapGet("/", () => Results.Redirect("/setup.html"));
        RouteGroupBuilder api = app.MapGroup("/api/setup");
        api.MapGet("/status", () => Results.Json(new { folder = folder.Root, tokenRequired = token.Required, hasVenue = folder.HasVenue, hasExercise = folder.HasExercise }));
        SetupPlanApi.Map(api, folder, counters);
        SetupRosterApi.Map(api, folder, counters, options.UdpPort);
        string[] bound = await WebHost.ListenAsync(app, urls);
        return new RunningSetup(app, bound, token, handover);
    }
}

/// <summary>
/// The handover from setting up to the drill: the start endpoint asks for it once both files load, and `beacons
/// setup` then stops the Setup host and runs the live gateway on the same addresses and token.
/// </summary>
public sealed class SetupHandover
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the drill is to start.</summary>
    public Task Requested => _requested.Task;

    /// <summary>Asks for the drill to start; false when it already was asked.</summary>
    public bool Request() => _requested.TrySetResult();
}

/// <summary>The Setup host, running; dispose it to stop.</summary>
public sealed class RunningSetup : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningSetup(WebApplication app, IReadOnlyList<string> urls, ControllerToken token, SetupHandover handover)
    {
        _app = app;
        Urls = urls;
        Token = token;
        Handover = handover;
    }

    /// <summary>The addresses it actually listens on (free ports resolved).</summary>
    public IReadOnlyList<string> Urls { get; }

    public ControllerToken Token { get; }

    public SetupHandover Handover { get; }

    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
