using Beacons.Protocol;

namespace Beacons.Venue;

/// <summary>
/// One drill's configuration: its ID and keys, the receivers' keys, the officers' badges and the triage tags.
/// Loaded and validated by <see cref="ExerciseFile"/>. The keys are secrets: never serve this record as is.
/// </summary>
public sealed record Exercise(
    int ExerciseId,
    string Name,
    ushort CompanyId,
    ReadOnlyMemory<byte> Key,
    IReadOnlyList<ExerciseReceiver> Receivers,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<CasualtyTag> Tags)
{
    /// <summary>The frame MAC key every badge, tag and anchor of the exercise shares (a new object per call: keep it).</summary>
    public MacKey MacKey => new(Key.ToArray());

    public ushort WireId => (ushort)ExerciseId;

    public Officer? FindOfficer(int badge) => Officers.FirstOrDefault(o => o.Badge == badge);

    public CasualtyTag? FindTag(int tag) => Tags.FirstOrDefault(t => t.Tag == tag);

    public ExerciseReceiver? FindReceiver(int id) => Receivers.FirstOrDefault(r => r.Id == id);
}

/// <summary>A receiver's own datagram key; the receiver's place is in the venue file.</summary>
public sealed record ExerciseReceiver(int Id, ReadOnlyMemory<byte> Key)
{
    /// <summary>A new object per call: keep it.</summary>
    public MacKey MacKey => new(Key.ToArray());
}

public sealed record Officer(int Badge, string Name, string Agency, OfficerRole Role)
{
    /// <summary>A role an exercise can list (any but unknown), by its wire name.</summary>
    public static bool TryParseRole(string text, out OfficerRole role) => WireNames.TryParse(text, out role) && role != OfficerRole.Unknown;

    /// <summary>The roles an exercise can list, for messages: "contact, rtf-officer, ...".</summary>
    public static string RoleChoices => string.Join(", ", Enum.GetValues<OfficerRole>().Where(r => r != OfficerRole.Unknown).Select(WireNames.Of));
}

public sealed record CasualtyTag(int Tag, string Label);
