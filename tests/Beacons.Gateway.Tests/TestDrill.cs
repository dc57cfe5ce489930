using System.Text.Json.Nodes;

namespace Beacons.Gateway.Tests;

/// <summary>A small valid venue and exercise for tests: two floors, four zones (CCP outside), three receivers, two anchors.</summary>
public static class TestDrill
{
    public const string ExerciseKey = "000102030405060708090a0b0c0d0e0f";
    public const string ReceiverKeyPrefix = "101112131415161718191a1b1c1d1e";

    public static string ReceiverKey(int id) => ReceiverKeyPrefix + id.ToString("x2");

    public static JsonObject VenueJson() => JsonNode.Parse("""
        {
          "name": "Test school",
          "floors": [ { "id": 0, "name": "Ground", "width": 60, "height": 30 },
                      { "id": 1, "name": "Upper", "width": 60, "height": 30 } ],
          "zones": [
            { "id": 1, "name": "East corridor", "floor": 0, "outline": [[0,0],[20,0],[20,10],[0,10]], "status": "hot" },
            { "id": 2, "name": "Library", "floor": 0, "outline": [[20,0],[40,0],[40,10],[20,10]], "status": "warm" },
            { "id": 3, "name": "Car park", "floor": 0, "outline": [[40,0],[60,0],[60,30],[40,30]], "status": "cold", "ccp": true, "outside": true },
            { "id": 4, "name": "Upper hall", "floor": 1, "outline": [[0,0],[20,0],[20,10],[0,10]] }
          ],
          "receivers": [
            { "id": 1, "name": "R1", "zone": 1, "position": [5, 5] },
            { "id": 2, "name": "R2", "zone": 2, "floor": 0, "position": [30, 5] },
            { "id": 3, "zone": 3, "position": [50, 20] }
          ],
          "anchors": [
            { "id": 900, "zone": 4, "position": [10, 5], "rssiAt1m": -60 },
            { "id": 901, "zone": 2, "position": [30, 8],
              "ibeacon": { "uuid": "e2c56db5-dffb-48d2-b060-d0f5a71096e0", "major": 1, "minor": 7 } }
          ],
          "walls": [ { "floor": 0, "from": [20, 0], "to": [20, 10], "lossDb": 8 } ],
          "floorLossDb": 15
        }
        """)!.AsObject();

    public static JsonObject ExerciseJson() => JsonNode.Parse($$"""
        {
          "exerciseId": 42, "name": "Spring drill", "companyId": "FFFF",
          "key": "{{ExerciseKey}}",
          "receivers": [ { "id": 1, "key": "{{ReceiverKey(1)}}" }, { "id": 2, "key": "{{ReceiverKey(2)}}" }, { "id": 3, "key": "{{ReceiverKey(3)}}" } ],
          "officers": [
            { "badge": 101, "name": "Sgt. A. Ruiz", "agency": "Metro PD", "role": "contact" },
            { "badge": 102, "name": "Ofc. B. Lee", "agency": "Metro PD", "role": "rtf-officer" },
            { "badge": 103, "name": "Medic C. Diaz", "agency": "County EMS", "role": "rtf-medic" },
            { "badge": 104, "name": "Lt. D. Okafor", "role": "command" }
          ],
          "tags": [ { "tag": 501, "label": "Casualty 1" }, { "tag": 502, "label": "Casualty 2" }, { "tag": 503 } ]
        }
        """)!.AsObject();

    public static Beacons.Venue.Venue Venue() => Beacons.Venue.VenueFile.Parse(VenueJson().ToJsonString(), "venue.json");

    /// <summary>The test exercise, checked against <paramref name="venue"/> (the test venue when null).</summary>
    public static Beacons.Venue.Exercise Exercise(Beacons.Venue.Venue? venue = null) =>
        Beacons.Venue.ExerciseFile.Parse(ExerciseJson().ToJsonString(), "exercise.json", venue ?? Venue());

    /// <summary>Writes both files into a fresh temporary directory and returns their paths.</summary>
    /// <param name="venueJson">The test venue with some of its fields changed; the test drill's own when null.</param>
    public static (string Venue, string Exercise) WriteFiles(string directory, JsonObject? venueJson = null)
    {
        Directory.CreateDirectory(directory);
        string venue = Path.Combine(directory, "venue.json");
        string exercise = Path.Combine(directory, "exercise.json");
        File.WriteAllText(venue, (venueJson ?? VenueJson()).ToJsonString());
        File.WriteAllText(exercise, ExerciseJson().ToJsonString());
        return (venue, exercise);
    }
}

/// <summary>A pipeline over the test drill, with the events it emitted kept for the test to read.</summary>
public sealed class TestPipeline
{
    public readonly Beacons.Gateway.Ingest.IngestCounters Counters = new();
    public readonly Beacons.Gateway.Ingest.DrillPipeline Pipeline;
    public readonly List<Beacons.Gateway.Record.DrillEvent> Events = new();

    /// <param name="venue">The test venue with some of its fields changed; the test drill's own when null.</param>
    public TestPipeline(Beacons.Gateway.Ingest.PipelineSettings? settings = null, Beacons.Gateway.Roster.DrillRoster? from = null, System.Text.Json.Nodes.JsonObject? venue = null)
    {
        Beacons.Venue.Venue v = venue == null ? TestDrill.Venue() : Beacons.Venue.VenueFile.Parse(venue.ToJsonString(), "venue.json");
        Beacons.Venue.Exercise exercise = TestDrill.Exercise(v);
        Pipeline = new Beacons.Gateway.Ingest.DrillPipeline(
            v, exercise, settings ?? new Beacons.Gateway.Ingest.PipelineSettings(), Counters,
            from ?? Beacons.Gateway.Roster.RosterFold.Initial(v, exercise));
    }

    public Beacons.Gateway.Roster.DrillRoster Roster => Pipeline.Roster;

    /// <summary>Feeds a datagram and returns the events it caused.</summary>
    public List<Beacons.Gateway.Record.DrillEvent> Datagram(byte[] datagram, long atMs)
    {
        Pipeline.Datagram(datagram, datagram.Length, atMs);
        Pipeline.Settle(atMs);
        return Take();
    }

    public List<Beacons.Gateway.Record.DrillEvent> Tick(long atMs)
    {
        Pipeline.Tick(atMs);
        return Take();
    }

    public List<Beacons.Gateway.Record.DrillEvent> Take()
    {
        List<Beacons.Gateway.Record.DrillEvent> taken = Pipeline.TakePending();
        Events.AddRange(taken);
        return taken;
    }

    public List<T> Bodies<T>() => Events.Select(e => e.Body).OfType<T>().ToList();
}
