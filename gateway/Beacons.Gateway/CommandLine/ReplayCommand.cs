using System.CommandLine;
using System.Text;
using Beacons.Gateway.Drills;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Sources;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons replay FILE`: a btsnoop capture, or a drill record's raw input (with the offsets of its calibration walks from
/// when they were applied), through the gateway's pipeline, and what it found. docs/gateway.md.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "A btsnoop capture (btmon -w, Android HCI snoop log, Wireshark), or a drill record kept with --record-raw (a file, or its name as `beacons drills` lists it).",
        };
        var venue = new Option<string>("--venue") { Description = "The venue file.", Required = true };
        var exercise = new Option<string>("--exercise") { Description = "The exercise file (its key checks the frames).", Required = true };
        var receiver = new Option<int>("--receiver") { Description = "The venue receiver the capturing adapter (a record's: the laptop's) counts as (places devices in its zone); 0 = none." };
        var events = new Option<bool>("--events") { Description = "Print every event, as the API would send it." };
        var command = new Command("replay", "Feed a btsnoop capture, or a drill record's raw input, through the gateway's pipeline and print what it found.") { file, venue, exercise, receiver, events };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(venue)!, parse.GetValue(exercise)!, parse.GetValue(receiver), parse.GetValue(events), Console.Out));
        return command;
    }

    public static int Run(string inputPath, string venuePath, string exercisePath, int receiverId, bool printEvents, TextWriter output)
    {
        if (DrillFileArguments.Load(venuePath, exercisePath, "beacons replay", Console.Error) is not var (venue, exercise))
        {
            return 1;
        }

        if (receiverId != 0 && venue.FindReceiver(receiverId) == null)
        {
            Console.Error.WriteLine($"beacons replay: --receiver {receiverId} is not a receiver of the venue");
            return 2;
        }

        var counters = new IngestCounters();
        var pipeline = new DrillPipeline(venue, exercise, new PipelineSettings(), counters, RosterFold.Initial(venue, exercise));
        string inputs;
        (long? first, long? last) span;
        try
        {
            string path = DataFolder.Find(inputPath);
            if (IsRecord(path))
            {
                using EventStore record = EventStore.OpenReadOnly(path);
                (long count, span.first, span.last) = RecordReplay.Run(record, pipeline, receiverId);
                if (count == 0)
                {
                    Console.Error.WriteLine($"beacons replay: {inputPath} keeps no raw input to replay (the gateway keeps it with --record-raw)");
                    return 1;
                }

                inputs = $"{count} raw inputs";
            }
            else
            {
                using FileStream stream = File.OpenRead(path);
                span = CaptureReplay.Run(stream, pipeline, receiverId);
                inputs = $"{counters[Counter.BtsnoopRecords]} records";
            }
        }
        catch (DrillNotFoundException e)
        {
            Console.Error.WriteLine($"beacons replay: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"beacons replay: cannot read {inputPath}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is BtsnoopException or StoreException)
        {
            Console.Error.WriteLine($"beacons replay: {inputPath}: {e.Message}");
            return 1;
        }

        List<DrillEvent> found = pipeline.TakePending();
        DrillRoster roster = pipeline.Roster;
        output.WriteLine($"{Path.GetFileName(inputPath)}: {inputs}, {counters[Counter.Adverts]} adverts"
            + (span.first is long a && span.last is long b ? $" over {(b - a) / 1000.0:0.#} s" : ""));
        if (counters[Counter.BtsnoopMalformed] > 0)
        {
            output.WriteLine("  the capture ends in a corrupt record; the records before it were replayed");
        }

        foreach (ReceiverOffsetsApplied walk in found.Select(e => e.Body).OfType<ReceiverOffsetsApplied>())
        {
            output.WriteLine($"  offsets    {walk.Walk}: " + string.Join(", ", walk.Offsets.Where(o => o.Learned).Select(o => $"receiver {o.Receiver} {o.Db:+0.0;-0.0;0.0} dB")));
        }

        output.WriteLine($"  frames     {counters[Counter.FrameFresh]} new payloads, {counters[Counter.FrameCopy]} copies");
        foreach ((string name, long value) in counters.Snapshot().Where(c => c.Value > 0 && IngestCounters.IsRejection(Enum.GetValues<Counter>().First(x => IngestCounters.Name(x) == c.Key))))
        {
            output.WriteLine($"  rejected   {value} {name}");
        }

        foreach (OfficerState o in roster.Officers.Values.Where(o => o.FirstHeardMs != null))
        {
            output.WriteLine($"  officer    badge {o.Badge} {o.Name ?? "(not in the exercise file)"}, {WireNames.Of(o.Role)}, zone {ZoneText(roster, o.Zone)}, battery {o.Battery?.ToString() ?? "?"}%{(o.Emergency ? ", EMERGENCY" : "")}");
        }

        foreach (CasualtyState c in roster.Casualties.Values.Where(c => c.FirstSeenMs != null))
        {
            output.WriteLine($"  casualty   tag {c.Tag} {c.Label ?? "(not in the exercise file)"}, {WireNames.Of(c.Colour)}{(c.Committed ? "" : " (not committed)")}, zone {ZoneText(roster, c.Zone)}");
        }

        foreach (AnchorState anchor in roster.Anchors.Values.Where(x => x.LastHeardMs != null))
        {
            output.WriteLine($"  anchor     {anchor.Id} (zone {ZoneText(roster, anchor.Zone)})");
        }

        foreach (Alert alert in roster.Alerts.Values)
        {
            output.WriteLine($"  alert      {WireNames.Of(alert.Type)}: {alert.Message}{(alert.Active ? "" : " (cleared)")}");
        }

        output.WriteLine($"  events     {found.Count}: " + string.Join(", ", found.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {g.Key}")));
        if (printEvents)
        {
            foreach (DrillEvent e in found)
            {
                output.WriteLine(EventJson.ToJson(e));
            }
        }

        return 0;
    }

    // A record is an SQLite database; anything else is taken for a capture (whose reader says when it is not one).
    private static bool IsRecord(string path)
    {
        byte[] header = new byte[16];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && Encoding.ASCII.GetString(header) == "SQLite format 3\0";
    }

    private static string ZoneText(DrillRoster roster, int zone) =>
        zone == 0 ? "unknown" : roster.Zones.TryGetValue(zone, out ZoneState? z) ? $"{zone} {z.Name}" : zone.ToString();
}
