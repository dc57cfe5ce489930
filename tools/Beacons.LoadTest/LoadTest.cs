using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Beacons.Benchmarks;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Serving;
using Beacons.Protocol;
using Beacons.Testing;
using Beacons.Venue;

namespace Beacons.LoadTest;

/// <summary>
/// Measures the gateway through its real inputs and outputs and prints the figures:
///   throughput  reports/s sent over loopback UDP at rising rates, and what arrived, was processed or lost;
///   latency     at one rate, time from sending a datagram to its event arriving on the live stream (p50, p99);
///   memory      an hour of simulated drill (1,000 devices, 100 receivers) fed fast, then the gateway's memory.
/// Usage: dotnet run -c Release --project tools/Beacons.LoadTest -- [throughput|latency|memory] [--rate N] [--seconds S]
/// </summary>
public static class LoadTest
{
    public static async Task<int> Main(string[] args)
    {
        string mode = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "all";
        int rate = Option(args, "--rate", 200_000);
        int seconds = Option(args, "--seconds", 10);
        Console.WriteLine($"beacons load test: {mode}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (mode is "throughput" or "all")
        {
            foreach (int r in args.Contains("--rate") ? [rate] : new[] { 100_000, 200_000, 300_000, 400_000 })
            {
                await Throughput(r, seconds, probes: false);
            }
        }

        if (mode is "latency" or "all")
        {
            await Throughput(rate, seconds, probes: true);
        }

        if (mode is "memory" or "all")
        {
            await Memory(Option(args, "--hours", 1));
        }

        return 0;
    }

    /// <summary>
    /// Sends the synthetic drill at <paramref name="rate"/> reports/s for <paramref name="seconds"/> s to a
    /// fresh `beacons gateway` program (its own process: the harness's work and garbage do not pause it).
    /// </summary>
    private static async Task Throughput(int rate, int seconds, bool probes)
    {
        (string venueJson, string exerciseJson) = GatewayTraffic.DrillFiles(zones: 20, receivers: 101, badges: 800, tags: 200);
        Beacons.Venue.Venue venue = VenueFile.Parse(venueJson, "venue.json");
        Exercise exercise = ExerciseFile.Parse(exerciseJson, "exercise.json", venue);
        string directory = Path.Combine(Path.GetTempPath(), "beacons-load-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "venue.json"), venueJson);
        File.WriteAllText(Path.Combine(directory, "exercise.json"), exerciseJson);
        using BeaconsProcess gateway = BeaconsProcess.Start(directory, ["gateway", "--venue", "venue.json", "--exercise", "exercise.json", "--db", "record.db", "--udp-port", "0", "--urls", "http://127.0.0.1:0"]);
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url), Timeout = Timeout.InfiniteTimeSpan };
        var sentAt = new long[256];
        var latencies = new List<double>();
        using var stop = new CancellationTokenSource();
        Task listener = probes ? Listen(http, sentAt, latencies, stop.Token) : Task.CompletedTask;
        if (probes)
        {
            await Task.Delay(500); // the stream is open before the first probe
        }

        var traffic = new GatewayTraffic(venue, exercise, seed: 3);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SendBufferSize = 4 * 1024 * 1024;
        socket.Connect(new IPEndPoint(IPAddress.Loopback, gateway.UdpPort));
        var probe = new ProbeWriter(exercise);
        long sentDatagrams = 0;
        long sentReports = 0;
        int probeCount = 0;
        var clock = Stopwatch.StartNew();
        long nextProbeTicks = 0;
        long probeEveryTicks = Stopwatch.Frequency / 100; // 100 probes a second
        await Task.Run(() =>
        {
            for (int s = 0; clock.Elapsed.TotalSeconds < seconds; s++)
            {
                List<byte[]> batch = traffic.Second(s);
                if (s % 5 == 0)
                {
                    batch.AddRange(traffic.Heartbeats(s));
                }

                foreach (byte[] datagram in batch)
                {
                    socket.Send(datagram);
                    sentDatagrams++;
                    sentReports += (datagram[0] & 0x0F) == (int)DatagramKind.Reports ? datagram[DatagramLayout.ReportCount] : 0;
                    if (probes && clock.ElapsedTicks >= nextProbeTicks)
                    {
                        nextProbeTicks = clock.ElapsedTicks + probeEveryTicks;
                        byte[] p = probe.Next(probeCount, out int slot);
                        Volatile.Write(ref sentAt[slot], Stopwatch.GetTimestamp());
                        socket.Send(p);
                        sentDatagrams++;
                        sentReports++;
                        probeCount++;
                    }

                    // Pace to the rate: never ahead of where sentReports says we should be. Sleeping (not
                    // spinning) leaves the gateway the machine's cores: what is due goes out in 1 ms bursts.
                    long due = (long)(sentReports * (double)Stopwatch.Frequency / rate);
                    while (clock.ElapsedTicks < due)
                    {
                        Thread.Sleep(1);
                    }
                }
            }
        });
        double sendSeconds = clock.Elapsed.TotalSeconds;
        // Until the gateway has counted everything it will ever count (the socket buffer and the queue drain).
        JsonElement counters = await Counters(http);
        for (long before = -1; Number(counters, "adverts") != before;)
        {
            before = Number(counters, "adverts");
            await Task.Delay(1000);
            counters = await Counters(http);
        }

        stop.Cancel();
        await listener.ContinueWith(_ => { });
        long received = Number(counters, "udp-datagrams");
        long processed = Number(counters, "adverts");
        long overload = Number(counters, "udp-overload");
        long rejected = (await Counters(http, whole: true)).GetProperty("rejected").GetInt64();
        long events = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.GetProperty("lastEventId").GetInt64();
        long lost = sentReports - processed;
        Console.WriteLine($"{(probes ? "latency" : "throughput")}: target {rate:N0} reports/s for {seconds} s: sent {sentReports:N0} reports in {sentDatagrams:N0} datagrams"
            + $" = {sentReports / sendSeconds:N0} reports/s; gateway received {received:N0} datagrams, processed {processed:N0} reports"
            + $" ({processed / sendSeconds:N0}/s), socket drops {sentDatagrams - received - overload:N0} datagrams, queue drops {overload:N0},"
            + $" rejected {rejected:N0}; events {events:N0}; {(lost == 0 ? "NO LOSS" : $"LOST {lost:N0} reports")}");
        Console.WriteLine($"  machine load average {LoadAverage()}");
        if (probes)
        {
            latencies.Sort();
            Console.WriteLine(latencies.Count == 0
                ? "latency: no probe came back"
                : $"latency: {latencies.Count} of {probeCount} probes, datagram sent -> event on the stream: p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms");
        }

        gateway.Dispose();
        if (Environment.GetEnvironmentVariable("BEACONS_LOAD_DEBUG") != null)
        {
            Console.WriteLine(gateway.Output);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static async Task<JsonElement> Counters(HttpClient http, bool whole = false)
    {
        JsonElement all = JsonDocument.Parse(await http.GetStringAsync("api/counters")).RootElement.Clone();
        return whole ? all : all.GetProperty("counters");
    }

    private static long Number(JsonElement counters, string name) => counters.GetProperty(name).GetInt64();

    /// <summary>Reads the live stream and times each probe's tag-changed event against when its datagram was sent.</summary>
    private static async Task Listen(HttpClient http, long[] sentAt, List<double> latencies, CancellationToken stop)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync("api/stream", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is string line)
            {
                if (!line.StartsWith("data: ") || !line.Contains("\"tag\":" + ProbeWriter.ProbeTag + ",") || !line.Contains("tag-changed"))
                {
                    continue;
                }

                long now = Stopwatch.GetTimestamp();
                using JsonDocument e = JsonDocument.Parse(line.AsMemory(6));
                int slot = e.RootElement.GetProperty("event").GetProperty("data").GetProperty("changes").GetInt32();
                long sent = Volatile.Read(ref sentAt[slot]);
                if (sent != 0)
                {
                    latencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                    if (Environment.GetEnvironmentVariable("BEACONS_LOAD_DEBUG") != null && latencies[^1] > 50)
                    {
                        Console.WriteLine($"  slow probe at {TimeSpan.FromTicks(now * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds:0.000}: {latencies[^1]:0} ms");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>An hour (or more) of simulated drill through the runtime and its SQLite record, fed as fast as it takes it, then memory.</summary>
    private static async Task Memory(int hours)
    {
        (Beacons.Venue.Venue venue, Exercise exercise) = GatewayTraffic.Drill(zones: 20, receivers: 100, badges: 800, tags: 200);
        string directory = Path.Combine(Path.GetTempPath(), "beacons-load-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        string db = Path.Combine(directory, "record.db");
        var time = new ManualTime(1_700_000_000_000);
        var traffic = new GatewayTraffic(venue, exercise, seed: 4);
        var clock = Stopwatch.StartNew();
        long reports = 0;
        long events;
        using (EventStore store = EventStore.Open(db))
        using (var runtime = new DrillRuntime(venue, exercise, store, new PipelineSettings(), new IngestCounters(), recordRaw: false, time))
        {
            for (int s = 0; s < hours * 3600; s++)
            {
                List<byte[]> batch = traffic.Second(s);
                if (s % 5 == 0)
                {
                    batch.AddRange(traffic.Heartbeats(s));
                }

                for (int i = 0; i < batch.Count; i++)
                {
                    byte[] datagram = batch[i];
                    reports += (datagram[0] & 0x0F) == (int)DatagramKind.Reports ? datagram[DatagramLayout.ReportCount] : 0;
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(2048);
                    datagram.CopyTo(buffer, 0);
                    while (!runtime.PostDatagram(buffer, datagram.Length, time.Ms + (i * 1000L / batch.Count)))
                    {
                        Thread.Sleep(1); // full queue: wait rather than lose, this is a memory measurement
                    }
                }

                // Lock-step with simulated time: the second's datagrams are processed before the clock moves on
                // (ticks are served before queued datagrams, and would otherwise run ahead of them).
                await runtime.FlushAsync();
                time.Ms += 1000;
                while (!runtime.PostTick())
                {
                    Thread.Sleep(1);
                }

                if (s % 600 == 599)
                {
                    Console.WriteLine($"memory: {(s + 1) / 60} simulated min, {runtime.Feed.Current.LastEventId:N0} events, {GC.GetTotalMemory(false) / 1_000_000.0:0.0} MB heap, {clock.Elapsed.TotalSeconds:0} s");
                }
            }

            await runtime.FlushAsync();
            events = runtime.Feed.Current.LastEventId;
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            Console.WriteLine($"memory: {hours} h simulated ({reports:N0} reports, 1,000 devices, 100 receivers) in {clock.Elapsed.TotalSeconds:0} s"
                + $" = {reports / clock.Elapsed.TotalSeconds:N0} reports/s; {events:N0} events, record {new FileInfo(db).Length / 1_000_000.0:0.0} MB"
                + $" (+ WAL {(File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length / 1_000_000.0 : 0):0.0} MB); managed heap after full GC {heap / 1_000_000.0:0.0} MB,"
                + $" working set {process.WorkingSet64 / 1_000_000.0:0.0} MB, peak {process.PeakWorkingSet64 / 1_000_000.0:0.0} MB");
        }

        Directory.Delete(directory, recursive: true);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
    }

    /// <summary>Simulated time, moved by the harness.</summary>
    private sealed class ManualTime(long startMs) : TimeProvider
    {
        public long Ms = startMs;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Volatile.Read(ref Ms));

        // The gateway measures time on the steady clock (DrillClock): it moves with the harness too.
        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Volatile.Read(ref Ms);
    }

    /// <summary>Probe datagrams from receiver 101: one unlisted tag whose colour changes with every probe, its change count naming the probe.</summary>
    private sealed class ProbeWriter(Exercise exercise)
    {
        public const int ProbeTag = 60_000;

        private readonly MacKey _receiverKey = exercise.FindReceiver(101)!.MacKey;
        private readonly MacKey _frameKey = exercise.MacKey;
        private readonly DatagramWriter _writer = new();
        private readonly byte[] _advert = new byte[FrameLayout.MaxAdvertisingData];
        private uint _sequence = 1_000_000_000; // clear of the traffic's heartbeats from the same receiver

        public byte[] Next(int probe, out int slot)
        {
            slot = probe % 256;
            var frame = new Frame { Kind = FrameKind.Tag, ExerciseId = 42, DeviceId = ProbeTag, Counter = (uint)probe + 1 };
            frame.Tag.Colour = (TriageColour)(1 + (probe % 4));
            frame.Tag.Committed = true;
            frame.Tag.Changes = (byte)slot;
            frame.Tag.BatteryPercent = 90;
            int length = FrameWriter.WriteAdvertisement(frame, FrameLayout.DefaultCompanyId, _frameKey, _advert, 0);
            _writer.BeginReports(42, 101, ++_sequence, 0);
            _writer.TryAdd(0xFEED00000000UL, -60, 0, _advert, 0, length);
            return _writer.Buffer[.._writer.Finish(_receiverKey)];
        }
    }
}
