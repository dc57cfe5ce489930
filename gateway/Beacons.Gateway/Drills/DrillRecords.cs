using System.Text.Json;
using Beacons.Gateway.Record;

namespace Beacons.Gateway.Drills;

/// <summary>
/// One drill record as `beacons drills` lists it (and the Setup page may): its name, what it was, when it
/// started, how long it ran and its size on disk. Null where the record does not say (an empty record, or one
/// written before records kept their files).
/// </summary>
public sealed record DrillRecord(
    string Name,
    string Path,
    int? ExerciseId,
    string? ExerciseName,
    string? VenueName,
    DateTimeOffset? Start,
    TimeSpan? Length,
    long SizeBytes,
    string? Problem);

/// <summary>Lists the drill records in a folder (the data folder by default), newest first.</summary>
public static class DrillRecords
{
    public static IReadOnlyList<DrillRecord> In(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*" + DataFolder.RecordExtension)
            .Select(Describe)
            .OrderByDescending(d => d.Start ?? DateTimeOffset.MinValue)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One record, read without locking it (a gateway may be writing it); a record it cannot read keeps its <see cref="DrillRecord.Problem"/>.</summary>
    public static DrillRecord Describe(string path)
    {
        string name = DataFolder.NameOf(path);
        // The write-ahead log holds what is not yet checkpointed: part of the record's size.
        long size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        try
        {
            using EventStore store = EventStore.OpenReadOnly(path);
            (long? first, long? last, long? t0) = store.Times();
            long? start = t0 ?? first;
            (int? id, string? exercise) = Exercise(store.ExerciseJson);
            return new DrillRecord(
                name,
                path,
                id,
                exercise,
                VenueName(store.VenueJson),
                start == null ? null : DateTimeOffset.FromUnixTimeMilliseconds(start.Value),
                start == null || last == null ? null : TimeSpan.FromMilliseconds(Math.Max(0, last.Value - start.Value)),
                size,
                null);
        }
        catch (Exception e) when (e is StoreException or Microsoft.Data.Sqlite.SqliteException or JsonException)
        {
            return new DrillRecord(name, path, null, null, null, null, null, size, e.Message);
        }
    }

    private static (int?, string?) Exercise(string? json)
    {
        if (json == null)
        {
            return (null, null);
        }

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return (root.TryGetProperty("exerciseId", out JsonElement id) ? id.GetInt32() : null,
            root.TryGetProperty("name", out JsonElement name) ? name.GetString() : null);
    }

    private static string? VenueName(string? json)
    {
        if (json == null)
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("name", out JsonElement name) ? name.GetString() : null;
    }
}
