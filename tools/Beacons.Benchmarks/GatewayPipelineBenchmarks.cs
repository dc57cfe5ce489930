extern alias gateway;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Beacons.Venue;
using gateway::Beacons.Gateway.Ingest;
using gateway::Beacons.Gateway.Roster;

namespace Beacons.Benchmarks;

/// <summary>
/// The gateway's pipeline on one core, without sockets or disk: receiver datagrams in (structure, receiver
/// MAC, sequence window), each report decoded, frame MAC verified, replay-guarded, merged, fed to its device's
/// zone estimator, roster folded, events out. 1,000 devices heard by 100 receivers (3-4 copies of every
/// payload). Target: 1,000,000 reports/s. One operation = one report.
/// Run: dotnet run -c Release --project tools/Beacons.Benchmarks -- --filter '*GatewayPipeline*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class GatewayPipelineBenchmarks
{
    private const int Seconds = 120;

    /// <summary>1,000 devices a second, each payload heard by 3 receivers of its zone and 1 of the next.</summary>
    private const int ReportsPerRun = Seconds * 1000 * 4;

    private Beacons.Venue.Venue _venue = null!;
    private Exercise _exercise = null!;
    private List<(byte[] Datagram, long AtMs)> _input = null!;
    private DrillPipeline _pipeline = null!;
    private long _reports;

    [GlobalSetup]
    public void Setup()
    {
        (_venue, _exercise) = GatewayTraffic.Drill(zones: 20, receivers: 100, badges: 800, tags: 200);
        var traffic = new GatewayTraffic(_venue, _exercise, seed: 1);
        _input = new List<(byte[], long)>();
        const long start = 1_700_000_000_000;
        for (int s = 0; s < Seconds; s++)
        {
            List<byte[]> second = traffic.Second(s);
            if (s % 5 == 0)
            {
                second.AddRange(traffic.Heartbeats(s));
            }

            _reports += GatewayTraffic.Reports(second);
            for (int i = 0; i < second.Count; i++)
            {
                _input.Add((second[i], start + (s * 1000L) + (i * 1000L / second.Count)));
            }
        }

        if (_reports != ReportsPerRun)
        {
            throw new InvalidOperationException($"expected {ReportsPerRun} reports, made {_reports}");
        }

        Console.WriteLine($"// {_input.Count} datagrams, {_reports} reports, {Seconds} simulated seconds per run");
    }

    [IterationSetup]
    public void NewPipeline()
    {
        // Every run starts a fresh drill: the same datagrams fed twice would be refused as replays.
        _pipeline = new DrillPipeline(_venue, _exercise, new PipelineSettings(), new IngestCounters(), RosterFold.Initial(_venue, _exercise));
    }

    [Benchmark(OperationsPerInvoke = ReportsPerRun)]
    public long PipelineReports()
    {
        DrillPipeline p = _pipeline;
        long events = 0;
        long nextTick = _input[0].AtMs + 1000;
        foreach ((byte[] datagram, long at) in _input)
        {
            p.Datagram(datagram, datagram.Length, at);
            if (at >= nextTick)
            {
                p.Tick(at);
                nextTick += 1000;
                events += p.TakePending().Count;
            }
        }

        p.Settle(nextTick);
        events += p.TakePending().Count;
        if (p.Counters.Rejected != 0)
        {
            throw new InvalidOperationException($"the synthetic traffic was refused: {p.Counters.Rejected}");
        }

        return events;
    }
}
