extern alias gateway;

using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Beacons.Protocol;
using Beacons.Venue;
using gateway::Beacons.Gateway.Record;
using gateway::Beacons.Gateway.Review;
using gateway::Beacons.Gateway.Roster;

namespace Beacons.Benchmarks;

/// <summary>
/// The after-action review of a two-hour drill with 500 devices (420 badges, 80 tags): presence every
/// 5 s, officers moving every one to three minutes, zones cleared one by one, triage, emergencies,
/// silent officers, receiver heartbeats. Target: `beacons report` (read the SQLite record, fold, write
/// the HTML, JSON and CSV files) under five seconds.
/// Run: dotnet run -c Release --project tools/Beacons.Benchmarks -- --filter '*Review*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReviewBenchmarks
{
    private SyntheticDrill _drill = null!;
    private string _directory = null!;
    private string _recordPath = null!;
    private EventStore _store = null!;
    private DrillReview _review = null!;

    [GlobalSetup]
    public void Setup()
    {
        _drill = SyntheticDrill.Make(badges: 420, tags: 80, hours: 2, seed: 2019);
        _directory = Path.Combine(Path.GetTempPath(), "beacons-review-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_directory);
        _recordPath = Path.Combine(_directory, "drill.db");
        File.Delete(_recordPath);
        _store = EventStore.Open(_recordPath);
        for (int i = 0; i < _drill.Events.Count; i += 5_000)
        {
            _store.Append(_drill.Events.Skip(i).Take(5_000).Select(StoredEvent.Of).ToList(), null);
        }

        _review = ReviewFold.Of(_drill.Venue, _drill.Exercise, _drill.Events);
        Console.WriteLine($"// synthetic drill: {_drill.Events.Count} events, {_drill.Events.OfType<DrillEvent>().Count(e => e.Body is Presence)} presence events, "
            + $"{new FileInfo(_recordPath).Length / 1_000_000.0:0.0} MB record, {_review.Officers.Count} officers, {_review.Casualties.Count} casualties");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The fold alone, over events already in memory.</summary>
    [Benchmark]
    public DrillReview Fold() => ReviewFold.Of(_drill.Venue, _drill.Exercise, _drill.Events);

    /// <summary>The forms alone: HTML with its SVG charts, JSON, three CSV files.</summary>
    [Benchmark]
    public int Render() =>
        ReviewHtml.Render(_review, TimeZoneInfo.Utc).Length + ReviewJson.Serialize(_review).Length
        + ReviewCsv.Timeline(_review).Length + ReviewCsv.Figures(_review).Length + ReviewCsv.Tracks(_review).Length;

    /// <summary>What `beacons report` does: read the record from SQLite, fold, write every file.</summary>
    [Benchmark]
    public int ReportFromRecord()
    {
        DrillReview review = ReviewSource.FromStore(_store, _drill.Venue, _drill.Exercise);
        return ReviewFiles.Write(review, Path.Combine(_directory, "out"), TimeZoneInfo.Utc).Count;
    }
}

/// <summary>A made-up but plausible drill record: what the gateway would have written, event by event.</summary>
public sealed record SyntheticDrill(Beacons.Venue.Venue Venue, Exercise Exercise, List<DrillEvent> Events)
{
    private const long Start = 1_750_000_000_000;
    private const int InsideZones = 28;
    private const int Staging = 29;
    private const int Ccp = 30;

    public static SyntheticDrill Make(int badges, int tags, int hours, int seed)
    {
        var random = new Random(seed);
        Beacons.Venue.Venue venue = VenueFile.Parse(VenueJson(), "synthetic-venue.json");
        Exercise exercise = ExerciseFile.Parse(ExerciseJson(badges, tags), "synthetic-exercise.json", venue);
        OfficerRole[] roles = exercise.Officers.Select(o => o.Role).ToArray();
        var events = new List<DrillEvent>();
        long id = 0;
        void Add(long at, EventBody body) => events.Add(new DrillEvent(++id, at, body));

        long t0 = Start + 120_000;
        long end = t0 + (hours * 3_600_000L);
        Add(Start, new ExerciseOpened(exercise.ExerciseId, exercise.Name, venue.Name));

        // Before T0: everyone heard and gathered at staging; the casualties lie inside.
        int[] officerZone = new int[badges];
        long[] nextMove = new long[badges];
        long[] silentUntil = new long[badges];
        for (int i = 0; i < badges; i++)
        {
            Add(Start + 1_000 + i, new OfficerSeen(1000 + i, roles[i]));
            Add(Start + 2_000 + i, new OfficerZoneChanged(1000 + i, Staging, 0, false));
            officerZone[i] = Staging;

            // Contact teams go in first, the RTFs minutes later, command stays out.
            nextMove[i] = roles[i] switch
            {
                OfficerRole.Contact => t0 + random.Next(20_000, 240_000),
                OfficerRole.RtfOfficer or OfficerRole.RtfMedic => t0 + random.Next(480_000, 900_000),
                _ => long.MaxValue,
            };
        }

        int[] casualtyZone = new int[tags];
        for (int i = 0; i < tags; i++)
        {
            Add(Start + 3_000 + i, new CasualtySeen(5000 + i));
            casualtyZone[i] = 1 + random.Next(InsideZones);
            Add(Start + 3_500 + i, new CasualtyZoneChanged(5000 + i, casualtyZone[i], 0));
        }

        // What happens at set times; merged in time order with the second-by-second events below.
        var scheduled = new List<(long At, EventBody Body)>
        {
            (t0, new ClockStarted()),
            (t0 + 60_000, new Annotation("unified-command", "Command post set up")),
            (t0 + 420_000, new Annotation("threat-neutralized", "Suspect down")),
            (t0 + 540_000, new Annotation("rtf-assembled", "RTF 1 and 2 at the door")),
        };

        // Zones cleared one by one: warm from 8 min, cold from 40 min.
        for (int z = 1; z <= InsideZones; z++)
        {
            scheduled.Add((t0 + 480_000 + (z * 30_000), new ZoneStatusSet(z, ZoneStatus.Warm, ZoneStatus.Hot)));
            scheduled.Add((t0 + 2_400_000 + (z * 60_000), new ZoneStatusSet(z, ZoneStatus.Cold, ZoneStatus.Warm)));
        }

        // Triage: each casualty chosen then committed between 10 and 40 min; one in eight re-tagged later; to the CCP after.
        TriageColour[] colours = [TriageColour.Green, TriageColour.Yellow, TriageColour.Red, TriageColour.Black];
        for (int i = 0; i < tags; i++)
        {
            long chosen = t0 + random.Next(600_000, 2_400_000) + i;
            TriageColour colour = colours[random.Next(colours.Length)];
            scheduled.Add((chosen, new TagChanged(5000 + i, colour, false, 0, chosen)));
            scheduled.Add((chosen + 4_000, new TagChanged(5000 + i, colour, true, 1, chosen + 3_000)));
            if (i % 8 == 0)
            {
                TriageColour again = colours[(Array.IndexOf(colours, colour) + 1) % colours.Length];
                scheduled.Add((chosen + 300_000, new TagChanged(5000 + i, again, true, 2, chosen + 300_000)));
                colour = again;
            }

            if (colour != TriageColour.Black)
            {
                scheduled.Add((chosen + random.Next(240_000, 1_800_000), new CasualtyZoneChanged(5000 + i, Ccp, casualtyZone[i])));
            }
        }

        // Emergencies every ten minutes, each ended after 40 s.
        for (long at = t0 + 600_000; at < end - 60_000; at += 600_000)
        {
            int badge = 1000 + random.Next(badges);
            scheduled.Add((at, new gateway::Beacons.Gateway.Record.Emergency(badge, true)));
            scheduled.Add((at + 40_000, new gateway::Beacons.Gateway.Record.Emergency(badge, false)));
        }

        var queue = new Queue<(long At, EventBody Body)>(scheduled.Where(x => x.At < end).OrderBy(x => x.At));
        // From a few seconds after the first event: presence and heartbeats run before T0 too.
        for (long now = Start + 5_000; now <= end; now += 1_000)
        {
            while (queue.Count > 0 && queue.Peek().At <= now)
            {
                (long at, EventBody body) = queue.Dequeue();
                Add(at, body);
            }

            for (int i = 0; i < badges; i++)
            {
                if (now >= nextMove[i] && now >= silentUntil[i])
                {
                    int previous = officerZone[i];
                    int zone = random.Next(20) == 0 ? 0 : 1 + random.Next(InsideZones);
                    if (zone != previous)
                    {
                        Add(now, new OfficerZoneChanged(1000 + i, zone, previous, false));
                        officerZone[i] = zone;
                    }

                    nextMove[i] = now + random.Next(60_000, 180_000);
                }
            }

            // Now and then an officer goes silent for one to three minutes (a dead spot, a badge under a vest);
            // the gateway alerts a minute after it last heard them.
            if (now % 20_000 == 0 && now > t0 && now + 60_000 < end)
            {
                int i = random.Next(badges);
                if (now >= silentUntil[i])
                {
                    silentUntil[i] = now + random.Next(70_000, 180_000);
                    scheduled.Add((now + 60_000, new AlertRaised(AlertType.OfficerSilent, 1000 + i, null, null, null, $"badge {1000 + i} not heard for 60 s")));
                    queue = new Queue<(long At, EventBody Body)>(queue.Append(scheduled[^1]).OrderBy(x => x.At));
                }
            }

            if (now % 10_000 == 0)
            {
                for (int r = 1; r <= 20; r++)
                {
                    Add(now, new ReceiverHeartbeat(r, now / 100, now - Start, now / 10, now / 10, 3, 0, -60, 240, 24));
                }
            }

            if (now % 5_000 == 0)
            {
                var heard = new List<DevicePresence>(badges + tags);
                for (int i = 0; i < badges; i++)
                {
                    if (now >= silentUntil[i])
                    {
                        heard.Add(new DevicePresence(Beacons.Protocol.FrameKind.Badge, 1000 + i, now - random.Next(1_000), 80, now / 1_000));
                    }
                }

                for (int i = 0; i < tags; i++)
                {
                    heard.Add(new DevicePresence(Beacons.Protocol.FrameKind.Tag, 5000 + i, now - random.Next(1_000), 70, now / 1_000));
                }

                Add(now, new Presence(heard));
            }
        }

        Add(end, new ClockStopped());
        return new SyntheticDrill(venue, exercise, events);
    }

    public static string VenueJson()
    {
        var json = new StringBuilder("{\"name\":\"Synthetic high school\",\"floors\":[{\"id\":0,\"width\":140,\"height\":80}],\"zones\":[");
        for (int z = 1; z <= InsideZones; z++)
        {
            double x = ((z - 1) % 7) * 20, y = ((z - 1) / 7) * 15;
            json.Append($"{{\"id\":{z},\"name\":\"Room {z}\",\"floor\":0,\"outline\":[[{x},{y}],[{x + 20},{y}],[{x + 20},{y + 15}],[{x},{y + 15}]]}},");
        }

        json.Append($"{{\"id\":{Staging},\"name\":\"Staging\",\"floor\":0,\"outline\":[[0,60],[60,60],[60,80],[0,80]],\"status\":\"cold\",\"outside\":true}},");
        json.Append($"{{\"id\":{Ccp},\"name\":\"CCP\",\"floor\":0,\"outline\":[[60,60],[140,60],[140,80],[60,80]],\"status\":\"cold\",\"outside\":true,\"ccp\":true}}]}}");
        return json.ToString();
    }

    public static string ExerciseJson(int badges, int tags)
    {
        string[] roles = ["contact", "contact", "rtf-officer", "rtf-medic", "rtf-officer", "command", "evaluator"];
        var json = new StringBuilder("{\"exerciseId\":7,\"name\":\"Synthetic two-hour drill\",\"key\":\"000102030405060708090a0b0c0d0e0f\",\"officers\":[");
        json.AppendJoin(',', Enumerable.Range(0, badges).Select(i => $"{{\"badge\":{1000 + i},\"name\":\"Officer {i}\",\"agency\":\"PD\",\"role\":\"{roles[i % roles.Length]}\"}}"));
        json.Append("],\"tags\":[");
        json.AppendJoin(',', Enumerable.Range(0, tags).Select(i => $"{{\"tag\":{5000 + i},\"label\":\"Casualty {i + 1}\"}}"));
        json.Append("]}");
        return json.ToString();
    }
}
