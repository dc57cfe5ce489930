using System.Security.Cryptography;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Setup;

/// <summary>
/// Puts a roster (officers and tags, from <see cref="RosterSheet"/> or the Setup page's table) into an exercise,
/// making every key it lacks: the exercise key and a key for each of the venue's receivers. No one types a key,
/// and keys already made are kept, so devices already provisioned stay valid. The result goes back to the file
/// with <see cref="Save"/>; keys never leave it.
/// </summary>
public static class RosterImport
{
    /// <param name="existing">The exercise file as it stands (keys and all), or null to start one.</param>
    /// <param name="exerciseId">The exercise ID; required without <paramref name="existing"/>, else it replaces its ID.</param>
    /// <param name="name">Likewise for the exercise's name.</param>
    /// <param name="venue">The venue whose receivers get keys; null (none drawn yet, or one that does not load) keeps the exercise's receivers.</param>
    /// <param name="tags">The new tags, or null to keep the exercise's.</param>
    public static Exercise Into(Exercise? existing, int? exerciseId, string? name, Beacons.Venue.Venue? venue, IReadOnlyList<Officer> officers, IReadOnlyList<CasualtyTag>? tags)
    {
        int id = exerciseId ?? existing?.ExerciseId ?? throw new ArgumentException("a new exercise needs its ID", nameof(exerciseId));
        ReadOnlyMemory<byte> key = existing != null && existing.Key.Length == MacKey.Length ? existing.Key : NewKey();
        // A receiver the venue no longer places loses its key: the exercise file refuses keys for unknown receivers.
        IReadOnlyList<ExerciseReceiver> receivers = venue == null ? existing?.Receivers ?? [] : venue.Receivers
            .Select(r => existing?.FindReceiver(r.Id) ?? new ExerciseReceiver(r.Id, NewKey()))
            .ToList();
        return new Exercise(id, name ?? existing?.Name ?? $"Exercise {id}", existing?.CompanyId ?? FrameLayout.DefaultCompanyId, key, receivers,
            officers, tags ?? existing?.Tags ?? [])
        {
            // The objectives are not on the sheets: a new roster keeps them.
            Objectives = existing?.Objectives ?? [],
        };
    }

    /// <summary>
    /// The exercise with its receiver keys in line with <paramref name="venue"/>: a key made for each receiver it
    /// places anew, the keys of receivers it no longer places dropped, everything else as it was.
    /// </summary>
    public static Exercise KeysFor(Exercise existing, Beacons.Venue.Venue venue) => Into(existing, null, null, venue, existing.Officers, null);

    /// <summary>
    /// Checks the exercise exactly as the gateway will load it (against <paramref name="venue"/>), then saves it
    /// atomically: a crash leaves the old file or the new one, never half of one. Throws <see cref="ConfigFileException"/>.
    /// </summary>
    public static void Save(Exercise exercise, Beacons.Venue.Venue? venue, string path)
    {
        string text = ExerciseFile.Format(exercise);
        ExerciseFile.Parse(text, Path.GetFileName(path), venue);
        ConfigText.WriteAtomic(path, text);
    }

    /// <summary>A fresh random 128-bit key, for an exercise or a receiver.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(MacKey.Length);
}
