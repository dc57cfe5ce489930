using System.Diagnostics;
using System.Net;
using Beacons.Simulator.Network;
using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Simulator.Drill;

/// <summary>
/// Runs a simulated drill in the background, paced against real time by <see cref="SimulationOptions.Speed"/>,
/// its virtual receivers sending real UDP datagrams to a gateway. The entry point for `beacons gateway --demo`:
/// <code>
/// DrillFiles demo = DemoDrill.Load();
/// await using RunningDrill drill = SimulatedDrill.Start(demo.Venue, demo.Exercise, demo.Scenario,
///     new IPEndPoint(IPAddress.Loopback, port), new SimulationOptions { Speed = 1, OnControllerAction = apply }, stopping);
/// </code>
/// </summary>
public static class SimulatedDrill
{
    public static RunningDrill Start(Venue.Venue venue, Exercise exercise, DrillScenario scenario, IPEndPoint gateway, SimulationOptions options, CancellationToken cancellation)
    {
        var sink = new UdpDatagramSink(gateway);
        return Start(venue, exercise, scenario, sink, options, cancellation, sink);
    }

    /// <summary>The same, with the datagrams going to <paramref name="sink"/> (tests, in-process use).</summary>
    public static RunningDrill Start(Venue.Venue venue, Exercise exercise, DrillScenario scenario, IDatagramSink sink, SimulationOptions options, CancellationToken cancellation) =>
        Start(venue, exercise, scenario, sink, options, cancellation, null);

    private static RunningDrill Start(Venue.Venue venue, Exercise exercise, DrillScenario scenario, IDatagramSink sink, SimulationOptions options, CancellationToken cancellation, IDisposable? owned)
    {
        var engine = new DrillEngine(venue, exercise, scenario, options, sink);
        return new RunningDrill(engine, options.Speed, cancellation, owned);
    }
}

/// <summary>
/// A drill running on its own thread. <see cref="Completion"/> ends when the scenario ends or the drill is
/// stopped; a failure inside the simulation faults it (and is never swallowed). The engine is not safe to
/// touch while it runs: read <see cref="Seconds"/>, or the engine after <see cref="Completion"/>.
/// </summary>
public sealed class RunningDrill : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly IDisposable? _owned;
    private long _simMs;

    internal RunningDrill(DrillEngine engine, double speed, CancellationToken cancellation, IDisposable? owned)
    {
        Engine = engine;
        _owned = owned;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        CancellationToken token = _stop.Token;
        Completion = Task.Factory.StartNew(() => Run(speed, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .ContinueWith(t =>
            {
                _owned?.Dispose();
                if (t.IsFaulted)
                {
                    t.GetAwaiter().GetResult();
                }
            }, TaskScheduler.Default);
    }

    public DrillEngine Engine { get; }

    public Task Completion { get; }

    /// <summary>The exercise clock of the running drill, seconds from T0 (safe to read from any thread).</summary>
    public double Seconds => Engine.Scenario.StartSeconds + (Interlocked.Read(ref _simMs) / 1000.0);

    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Run(double speed, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            while (!Engine.Finished && !token.IsCancellationRequested)
            {
                Engine.Step();
                Interlocked.Exchange(ref _simMs, Engine.SimMs);
                if (speed > 0)
                {
                    double ahead = (Engine.SimMs / speed) - clock.Elapsed.TotalMilliseconds;
                    if (ahead >= 1)
                    {
                        token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(ahead));
                    }
                }
            }
        }
        finally
        {
            // A drill stopped early still leaves its ground truth complete up to where it got.
            Engine.Truth.Flush();
        }
    }
}
