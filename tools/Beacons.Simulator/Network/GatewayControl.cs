using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Simulator.Network;

/// <summary>
/// Carries a scenario's controller actions to a running gateway through its HTTP API (docs/gateway-api.md):
/// T0 (confirmed, whatever is not ready yet) and the end as POST /api/clock/start and /stop, zone statuses as POST /api/zones/{id}/status,
/// annotations as POST /api/annotations. Actions are queued by <see cref="Enqueue"/> (called on the
/// simulation's thread, which must not wait on HTTP) and sent in order on a background task. A refused or
/// failed request is counted and described in <see cref="LastProblem"/>; the drill goes on.
/// </summary>
public sealed class GatewayControl : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Channel<ControllerAction> _queue = Channel.CreateUnbounded<ControllerAction>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;

    /// <param name="api">The gateway's address, e.g. http://127.0.0.1:47880/.</param>
    /// <param name="token">The controller token, when the gateway requires one.</param>
    public GatewayControl(Uri api, string? token)
    {
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        if (token != null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _sender = Task.Run(SendAllAsync);
    }

    public int Sent { get; private set; }

    public int Failed { get; private set; }

    public string? LastProblem { get; private set; }

    /// <summary>Queues an action; pass this as <c>SimulationOptions.OnControllerAction</c>.</summary>
    public void Enqueue(ControllerAction action) => _queue.Writer.TryWrite(action);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
        _http.Dispose();
    }

    private async Task SendAllAsync()
    {
        await foreach (ControllerAction action in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                using HttpResponseMessage response = await SendAsync(action).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Sent++;
                }
                else
                {
                    Failed++;
                    LastProblem = $"{Describe(action)}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Failed++;
                LastProblem = $"{Describe(action)}: {e.Message}";
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(ControllerAction action) => action switch
    {
        // A simulated drill has no readiness step: its devices switch on with T0, so T0 goes ahead regardless.
        StartClockAction => _http.PostAsJsonAsync("api/clock/start", new { confirm = true }),
        StopClockAction => _http.PostAsync("api/clock/stop", null),
        ZoneStatusAction z => _http.PostAsJsonAsync($"api/zones/{z.Zone}/status", new { status = WireNames.Of(z.Status) }),
        AnnotationAction a => _http.PostAsJsonAsync("api/annotations", new { type = a.Type, text = a.Text }),
        _ => throw new ArgumentException($"no gateway request for {action}"),
    };

    private static string Describe(ControllerAction action) => $"{action.GetType().Name.Replace("Action", "")} at {ScenarioFile.Clock(action.At)}";
}
