using System.Text.Json.Nodes;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Venue;

public class ExerciseFileTests
{
    [Fact]
    public void A_valid_exercise_loads_with_its_defaults()
    {
        Exercise exercise = TestDrill.Exercise();

        Assert.Equal(42, exercise.ExerciseId);
        Assert.Equal(0xFFFF, exercise.CompanyId);
        Assert.Equal(OfficerRole.RtfMedic, exercise.FindOfficer(103)!.Role);
        Assert.Equal("", exercise.FindOfficer(104)!.Agency);
        Assert.Equal("Tag 503", exercise.FindTag(503)!.Label);
        Assert.Equal(Hex.TryParse(TestDrill.ExerciseKey), exercise.Key.ToArray());
    }

    [Fact]
    public void The_exercise_without_keys_reads_back_with_names_roles_and_tags_only()
    {
        Exercise exercise = TestDrill.Exercise();

        string json = ExerciseFile.FormatWithoutKeys(exercise);
        Exercise keyless = ExerciseFile.ParseWithoutKeys(json, "kept.json");

        Assert.DoesNotContain(TestDrill.ExerciseKey, json);
        Assert.DoesNotContain("key", json);
        Assert.Equal((exercise.ExerciseId, exercise.Name, exercise.CompanyId), (keyless.ExerciseId, keyless.Name, keyless.CompanyId));
        Assert.Equal(exercise.Officers, keyless.Officers);
        Assert.Equal(exercise.Tags, keyless.Tags);
        Assert.Equal(0, keyless.Key.Length);
        Assert.Empty(keyless.Receivers);
        Assert.Equal(json, ExerciseFile.FormatWithoutKeys(keyless));

        // A gateway needs the keys: the keyless form is not an exercise file.
        var e = Assert.Throws<ConfigFileException>(() => ExerciseFile.Parse(json, "kept.json"));
        Assert.Contains("$.key", e.Message);
    }

    [Fact]
    public void The_company_id_defaults_to_FFFF()
    {
        JsonObject json = TestDrill.ExerciseJson();
        json.Remove("companyId");

        Assert.Equal(0xFFFF, ExerciseFile.Parse(json.ToJsonString(), "e.json").CompanyId);
    }

    public static TheoryData<string, string, string> BrokenExercises => new()
    {
        { "$.key=\"abc\"", "$.key", "must be 32 hex digits" },
        { "$.key=\"000102030405060708090a0b0c0d0e0g\"", "$.key", "must be 32 hex digits" },
        { "$.receivers[0].key=\"00\"", "$.receivers[0].key", "must be 32 hex digits" },
        { "$.receivers[1].id=1", "$.receivers[1].id", "duplicate receiver ID 1" },
        { "$.officers[0].role=\"sniper\"", "$.officers[0].role", "unknown role \"sniper\"" },
        { "$.officers[1].badge=101", "$.officers[1].badge", "duplicate badge ID 101" },
        { "$.officers[0].badge=0", "$.officers[0].badge", "0 is out of 1..65535" },
        { "$.tags[1].tag=501", "$.tags[1].tag", "duplicate tag ID 501" },
        { "$.exerciseId=70000", "$.exerciseId", "70000 is out of 0..65535" },
        { "$.exerciseId=\"42\"", "$.exerciseId", "must be a whole number" },
        { "$.companyId=\"FFFFF\"", "$.companyId", "must be 4 hex digits" },
        { "$.officers[0].name=null", "$.officers[0].name", "missing" },
        { "$.badges=[]", "$.badges", "unknown field" },
        { $"$.receivers[1].key=\"{TestDrill.ExerciseKey}\"", "$.receivers[1].key", "receiver 2 has the exercise key: give each receiver a key of its own" },
    };

    [Theory]
    [MemberData(nameof(BrokenExercises))]
    public void Every_problem_names_the_file_the_field_and_what_is_wrong(string edit, string path, string problem)
    {
        JsonObject json = TestDrill.ExerciseJson();
        JsonEdit.Apply(json, edit);

        var e = Assert.Throws<ConfigFileException>(() => ExerciseFile.Parse(json.ToJsonString(), "drill.json"));

        ConfigError error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Equal("drill.json", error.File);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void A_keyed_receiver_must_be_placed_in_the_venue()
    {
        JsonObject json = TestDrill.ExerciseJson();
        JsonEdit.Apply(json, "$.receivers[2].id=8");

        var e = Assert.Throws<ConfigFileException>(() => ExerciseFile.Parse(json.ToJsonString(), "e.json", TestDrill.Venue()));

        Assert.Contains(e.Errors, x => x.Path == "$.receivers[2].id" && x.Problem.Contains("receiver 8 is not in the venue"));
        Assert.Contains(e.Errors, x => x.Path == "$.receivers" && x.Problem.Contains("no key for receiver 3"));
    }

    [Fact]
    public void Without_a_venue_the_receivers_are_not_cross_checked()
    {
        JsonObject json = TestDrill.ExerciseJson();
        JsonEdit.Apply(json, "$.receivers[2].id=8");

        Assert.Equal(8, ExerciseFile.Parse(json.ToJsonString(), "e.json").Receivers[2].Id);
    }
}
