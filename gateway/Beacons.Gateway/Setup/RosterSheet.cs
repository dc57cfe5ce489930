using System.Globalization;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Setup;

/// <summary>
/// Officers and casualty tags read from spreadsheets saved as CSV (docs/venue.md, "Roster from a spreadsheet").
/// Every problem is reported at once, each naming the file and its row, as a <see cref="ConfigFileException"/>:
/// the same errors the exercise file gives, so the command line and the page show them alike.
/// </summary>
public static class RosterSheet
{
    /// <summary>Officers: a header with name, agency (optional), role and badge ID columns, in any order, then one officer a row.</summary>
    public static IReadOnlyList<Officer> Officers(string csv, string fileName)
    {
        var errors = new List<ConfigError>();
        var officers = new List<Officer>();
        var rows = new Dictionary<int, int>(); // badge -> row, to name both rows of a duplicate
        Columns? columns = Header(csv, fileName, errors, out IReadOnlyList<CsvRow> body, ("name", ["name"]), ("role", ["role"]), ("badge ID", ["badge", "badgeid", "badgeno", "badgenumber"]));
        int agencyColumn = columns == null ? -1 : columns.Optional("agency");
        foreach (CsvRow row in columns == null ? [] : body)
        {
            string Where() => $"row {row.Line}";
            string name = columns!.Cell(row, 0);
            string roleText = columns.Cell(row, 1);
            string badgeText = columns.Cell(row, 2);
            string agency = agencyColumn >= 0 && agencyColumn < row.Cells.Count ? row.Cells[agencyColumn] : "";
            if (name.Length == 0)
            {
                errors.Add(new ConfigError(fileName, Where(), "the name is empty"));
            }

            OfficerRole? role = Role(roleText);
            if (role == null)
            {
                errors.Add(new ConfigError(fileName, Where(), $"unknown role \"{roleText}\" (expected one of: {Officer.RoleChoices})"));
            }

            int? badge = Id(badgeText);
            if (badge == null)
            {
                errors.Add(new ConfigError(fileName, Where(), $"the badge ID must be a whole number from 1 to 65535, not \"{badgeText}\""));
            }
            else if (rows.TryGetValue(badge.Value, out int first))
            {
                errors.Add(new ConfigError(fileName, Where(), $"duplicate badge ID {badge} (row {first} has it too)"));
                continue;
            }
            else
            {
                rows[badge.Value] = row.Line;
            }

            if (name.Length > 0 && role != null && badge != null)
            {
                officers.Add(new Officer(badge.Value, name, agency, role.Value));
            }
        }

        Throw(errors);
        return officers;
    }

    /// <summary>Casualty tags: a header with a tag ID column and an optional label column, then one tag a row.</summary>
    public static IReadOnlyList<CasualtyTag> Tags(string csv, string fileName)
    {
        var errors = new List<ConfigError>();
        var tags = new List<CasualtyTag>();
        var rows = new Dictionary<int, int>();
        Columns? columns = Header(csv, fileName, errors, out IReadOnlyList<CsvRow> body, ("tag ID", ["tag", "tagid", "tagno", "tagnumber"]));
        int labelColumn = columns == null ? -1 : columns.Optional("label");
        foreach (CsvRow row in columns == null ? [] : body)
        {
            string tagText = columns!.Cell(row, 0);
            int? tag = Id(tagText);
            if (tag == null)
            {
                errors.Add(new ConfigError(fileName, $"row {row.Line}", $"the tag ID must be a whole number from 1 to 65535, not \"{tagText}\""));
                continue;
            }

            if (rows.TryGetValue(tag.Value, out int first))
            {
                errors.Add(new ConfigError(fileName, $"row {row.Line}", $"duplicate tag ID {tag} (row {first} has it too)"));
                continue;
            }

            rows[tag.Value] = row.Line;
            string label = labelColumn >= 0 && labelColumn < row.Cells.Count && row.Cells[labelColumn].Length > 0 ? row.Cells[labelColumn] : $"Tag {tag}";
            tags.Add(new CasualtyTag(tag.Value, label));
        }

        Throw(errors);
        return tags;
    }

    /// <summary><paramref name="count"/> tags numbered on from <paramref name="after"/> (or from 501, as the examples number them), labelled "Tag N".</summary>
    public static IReadOnlyList<CasualtyTag> Numbered(int count, int after = 500)
    {
        if (count < 0 || after + count > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"{count} tags after {after} do not fit in IDs 1..65535");
        }

        return Enumerable.Range(after + 1, count).Select(id => new CasualtyTag(id, $"Tag {id}")).ToList();
    }

    /// <summary>A role as the exercise file spells it, or as a person types it: "RTF medic", "rtf_medic", "Contact".</summary>
    private static OfficerRole? Role(string text)
    {
        string key = string.Join('-', text.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        return Officer.TryParseRole(key, out OfficerRole role) ? role : null;
    }

    private static int? Id(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id is >= 1 and <= ushort.MaxValue ? id : null;

    private static Columns? Header(string csv, string fileName, List<ConfigError> errors, out IReadOnlyList<CsvRow> body, params (string Shown, string[] Names)[] required)
    {
        IReadOnlyList<CsvRow> rows = CsvRows.Read(csv);
        body = rows.Skip(1).ToList();
        if (rows.Count == 0)
        {
            errors.Add(new ConfigError(fileName, "row 1", $"the file is empty: it needs a header row with the columns {string.Join(", ", required.Select(r => r.Shown))}"));
            return null;
        }

        string[] header = rows[0].Cells.Select(Normal).ToArray();
        var found = new int[required.Length];
        for (int i = 0; i < required.Length; i++)
        {
            found[i] = Array.FindIndex(header, h => required[i].Names.Contains(h));
            if (found[i] < 0)
            {
                errors.Add(new ConfigError(fileName, "row 1", $"missing column \"{required[i].Shown}\" (the header row has: {string.Join(", ", rows[0].Cells)})"));
            }
        }

        return found.All(i => i >= 0) ? new Columns(header, found) : null;
    }

    // "Badge ID", "badge_id", "Badge-ID" all name the same column.
    private static string Normal(string header) =>
        new(header.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static void Throw(List<ConfigError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ConfigFileException(errors);
        }
    }

    private sealed class Columns(string[] header, int[] required)
    {
        public string Cell(CsvRow row, int i) => required[i] < row.Cells.Count ? row.Cells[required[i]] : "";

        public int Optional(string name) => Array.IndexOf(header, name);
    }
}
