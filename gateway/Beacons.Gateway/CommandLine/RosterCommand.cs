using System.CommandLine;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons roster`: officers and tags from spreadsheets (CSV) into the exercise file, every key made by the
/// gateway. docs/venue.md, "Roster from a spreadsheet".
/// </summary>
public static class RosterCommand
{
    public static Command Create()
    {
        var exercise = new Option<string>("--exercise") { Description = "The exercise file to write (created when missing; its keys are kept).", Required = true };
        var venue = new Option<string>("--venue") { Description = "The venue file: every receiver it places gets a key.", Required = true };
        var officers = new Option<string>("--officers") { Description = "CSV with a header: name, agency, role, badge ID.", Required = true };
        var tags = new Option<string?>("--tags") { Description = "CSV with a header: tag ID, label (optional)." };
        var tagCount = new Option<int?>("--tag-count") { Description = "Instead of --tags: this many tags, numbered from 501." };
        var id = new Option<int?>("--id") { Description = "The exercise ID (1..65535); required for a new exercise file." };
        var name = new Option<string?>("--name") { Description = "The exercise's name; default the file's, or \"Exercise ID\"." };
        var command = new Command("roster", "Import officers and tags from spreadsheets (CSV) into the exercise file; the gateway makes every key.")
        {
            exercise, venue, officers, tags, tagCount, id, name,
        };
        command.SetAction(parse => Run(
            parse.GetValue(exercise)!, parse.GetValue(venue)!, parse.GetValue(officers)!, parse.GetValue(tags), parse.GetValue(tagCount),
            parse.GetValue(id), parse.GetValue(name), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string exercisePath, string venuePath, string officersPath, string? tagsPath, int? tagCount, int? id, string? name, TextWriter output, TextWriter error)
    {
        if (tagsPath != null && tagCount != null)
        {
            error.WriteLine("beacons roster: give the tags either as --tags FILE or as --tag-count N, not both");
            return 2;
        }

        if (id is < 1 or > ushort.MaxValue || tagCount is < 0 or > 1000)
        {
            error.WriteLine("beacons roster: --id must be 1..65535 and --tag-count 0..1000");
            return 2;
        }

        bool exists = File.Exists(exercisePath);
        if (!exists && id == null)
        {
            error.WriteLine($"beacons roster: {exercisePath} does not exist yet: give the new exercise its ID with --id N (and --name)");
            return 2;
        }

        try
        {
            Beacons.Venue.Venue place = VenueFile.Load(venuePath);
            // Without the venue: keys of receivers it no longer places are dropped below, not refused.
            Exercise? existing = exists ? ExerciseFile.Load(exercisePath) : null;
            IReadOnlyList<Officer> roster = RosterSheet.Officers(ConfigText.Read(officersPath), Path.GetFileName(officersPath));
            IReadOnlyList<CasualtyTag>? newTags = tagsPath != null ? RosterSheet.Tags(ConfigText.Read(tagsPath), Path.GetFileName(tagsPath))
                : tagCount != null ? RosterSheet.Numbered(tagCount.Value)
                : null;
            Exercise result = RosterImport.Into(existing, id, name, place, roster, newTags);
            RosterImport.Save(result, place, exercisePath);
            int made = result.Receivers.Count(r => existing?.FindReceiver(r.Id) == null) + (existing == null ? 1 : 0);
            output.WriteLine($"beacons roster: {(exists ? "updated" : "wrote")} {exercisePath}: exercise {result.ExerciseId} \"{result.Name}\", "
                + $"{result.Officers.Count} officers, {result.Tags.Count} tags, {result.Receivers.Count} receiver keys ({made} new key{(made == 1 ? "" : "s")} made; keys stay in the file)");
            return 0;
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(error, "beacons roster");
            return 1;
        }
    }
}
