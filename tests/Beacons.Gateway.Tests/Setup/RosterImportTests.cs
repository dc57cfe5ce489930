using Beacons.Gateway.CommandLine;
using Beacons.Gateway.Tests.Serving;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>`beacons roster`: a spreadsheet's officers and tags into the exercise file, every key made by the gateway, every bad row named.</summary>
public class RosterImportTests
{
    private const string Officers = """
        Name,Agency,Role,Badge ID
        "Ruiz, Ana",Metro PD,Contact,101
        Ben Lee,Metro PD,RTF officer,102

        Cam Diaz,County EMS,rtf-medic,103
        """;

    private readonly string _dir = LiveGateway.NewDirectory();
    private readonly string _venue;
    private readonly string _exercise;
    private readonly string _officers;

    public RosterImportTests()
    {
        (_venue, _exercise) = TestDrill.WriteFiles(_dir);
        _officers = Path.Combine(_dir, "officers.csv");
        File.WriteAllText(_officers, Officers);
    }

    [Fact]
    public void A_new_exercise_gets_its_roster_and_every_key_from_the_gateway()
    {
        File.Delete(_exercise);

        (int exit, string output, string error) = Roster(_officers, tagCount: 2, id: 7, name: "Night drill");

        Assert.True(exit == 0, error);
        Exercise made = ExerciseFile.Load(_exercise, TestDrill.Venue()); // loads as the gateway will
        Assert.Equal(7, made.ExerciseId);
        Assert.Equal("Night drill", made.Name);
        Assert.Equal(
            [(101, "Ruiz, Ana", "Metro PD", OfficerRole.Contact), (102, "Ben Lee", "Metro PD", OfficerRole.RtfOfficer), (103, "Cam Diaz", "County EMS", OfficerRole.RtfMedic)],
            made.Officers.Select(o => (o.Badge, o.Name, o.Agency, o.Role)));
        Assert.Equal([(501, "Tag 501"), (502, "Tag 502")], made.Tags.Select(t => (t.Tag, t.Label)));
        Assert.Equal([1, 2, 3], made.Receivers.Select(r => r.Id));
        string[] keys = made.Receivers.Select(r => Convert.ToHexString(r.Key.Span)).Append(Convert.ToHexString(made.Key.Span)).ToArray();
        Assert.All(keys, k => Assert.Equal(MacKey.Length * 2, k.Length));
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal("beacons roster: wrote " + _exercise + ": exercise 7 \"Night drill\", 3 officers, 2 tags, 3 receiver keys (4 new keys made; keys stay in the file)", output.Trim());
        Assert.All(keys, k => Assert.DoesNotContain(k, output, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_new_roster_keeps_the_keys_already_made_and_the_tags()
    {
        Exercise before = ExerciseFile.Load(_exercise, TestDrill.Venue());

        (int exit, _, string error) = Roster(_officers);

        Assert.True(exit == 0, error);
        Exercise after = ExerciseFile.Load(_exercise, TestDrill.Venue());
        Assert.Equal(Convert.ToHexString(before.Key.Span), Convert.ToHexString(after.Key.Span));
        Assert.Equal(before.Receivers.Select(r => Convert.ToHexString(r.Key.Span)), after.Receivers.Select(r => Convert.ToHexString(r.Key.Span)));
        Assert.Equal(before.Tags, after.Tags);
        Assert.Equal([101, 102, 103], after.Officers.Select(o => o.Badge));
        Assert.Equal((42, "Spring drill"), (after.ExerciseId, after.Name));
    }

    [Fact]
    public void Every_bad_row_is_named_and_the_file_is_left_as_it_was()
    {
        string before = File.ReadAllText(_exercise);
        File.WriteAllText(_officers, """
            name;role;badge
            Ana Ruiz;contact;101
            Ben Lee;sniper;102
            Cam Diaz;rtf-medic;101
            ;command;x
            """);

        (int exit, string output, string error) = Roster(_officers);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(
            [
                "beacons roster: officers.csv: row 3: unknown role \"sniper\" (expected one of: contact, rtf-officer, rtf-medic, command, evaluator)",
                "beacons roster: officers.csv: row 4: duplicate badge ID 101 (row 2 has it too)",
                "beacons roster: officers.csv: row 5: the name is empty",
                "beacons roster: officers.csv: row 5: the badge ID must be a whole number from 1 to 65535, not \"x\"",
            ],
            error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(_exercise));
        Assert.Equal(["exercise.json", "officers.csv", "venue.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_missing_column_names_the_header()
    {
        File.WriteAllText(_officers, "name,agency,badge\nAna,Metro,101\n");

        (int exit, _, string error) = Roster(_officers);

        Assert.Equal(1, exit);
        Assert.Equal("beacons roster: officers.csv: row 1: missing column \"role\" (the header row has: name, agency, badge)", error.Trim());
    }

    [Fact]
    public void Tags_come_from_their_own_sheet()
    {
        string tags = Path.Combine(_dir, "tags.csv");
        File.WriteAllText(tags, "Tag ID,Label\n601,Victim A\n602,\n601,again\n");

        (int exit, _, string error) = Roster(_officers, tagsPath: tags);

        Assert.Equal(1, exit);
        Assert.Equal("beacons roster: tags.csv: row 4: duplicate tag ID 601 (row 2 has it too)", error.Trim());
        File.WriteAllText(tags, "Tag ID,Label\n601,Victim A\n602,\n");
        Assert.Equal(0, Roster(_officers, tagsPath: tags).Exit);
        Assert.Equal([(601, "Victim A"), (602, "Tag 602")], ExerciseFile.Load(_exercise).Tags.Select(t => (t.Tag, t.Label)));
    }

    [Fact]
    public void A_save_that_fails_leaves_nothing_behind()
    {
        string target = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(target); // a folder where the file should go: the rename fails

        var e = Assert.Throws<ConfigFileException>(() => ConfigText.WriteAtomic(target, "{}"));

        Assert.StartsWith("taken: $: cannot save the file", e.Errors[0].ToString()[(_dir.Length + 1)..]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    private (int Exit, string Output, string Error) Roster(string officers, string? tagsPath = null, int? tagCount = null, int? id = null, string? name = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = RosterCommand.Run(_exercise, _venue, officers, tagsPath, tagCount, id, name, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
