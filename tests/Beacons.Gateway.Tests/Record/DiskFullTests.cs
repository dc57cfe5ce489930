using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Record;

/// <summary>
/// A real full disk: the record on a 3 MB tmpfs, filled up while the real gateway runs. The fault is named,
/// nothing acknowledged is lost, the gateway recovers by itself when space returns, and a stop while the disk
/// is full says what the record holds, without a stack trace. Mounting needs root, as CI and tests/run have.
/// </summary>
public class DiskFullTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a hang guard, not a speed check

    [Fact]
    public async Task A_full_disk_is_named_waits_without_losing_anything_recovers_when_freed_and_a_stop_says_what_the_record_holds()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        using SmallDisk disk = SmallDisk.Mount(directory);
        string db = Path.Combine(disk.Path, "record.db");
        using BeaconsProcess gateway = CrashTests.Gateway(venue, exercise, db);
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url), Timeout = Patience };
        Assert.Equal(HttpStatusCode.OK, (await Note(http, "before")).StatusCode);

        // Fill the disk, then write until the record needs room it cannot have.
        disk.Fill();
        var waiting = new List<Task<HttpResponseMessage>>();
        JsonElement status = default;
        for (int i = 0; i < 400 && Fault(status) == null; i++)
        {
            waiting.Add(Note(http, $"while full {i}"));
            status = await Status(http);
        }

        Assert.Equal("the disk is full", Fault(status));
        HttpResponseMessage refused = await Note(http, "refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("the disk is full", await refused.Content.ReadAsStringAsync());

        // Space returns: everything that waited is written and answered, and the fault clears by itself.
        disk.Free();
        // (A note sent after the fault was known was refused at once, and is not in the record.)
        HttpResponseMessage[] answered = await Task.WhenAll(waiting).WaitAsync(Patience);
        Assert.All(answered, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.True(answered.Count(a => a.StatusCode == HttpStatusCode.OK) >= answered.Length - 1, "only notes sent after the fault was known are refused");
        Assert.Null(Fault(await Status(http)));
        List<string> notes = await Notes(http);
        Assert.Equal(["before", .. Enumerable.Range(0, waiting.Count).Where(i => answered[i].StatusCode == HttpStatusCode.OK).Select(i => $"while full {i}")], notes);

        // Full again, and stopped while full: one truthful line, no stack trace.
        disk.Fill();
        for (int i = 0; i < 400 && Fault(await Status(http)) == null; i++)
        {
            _ = Note(http, $"lost {i}");
        }

        int exit = gateway.Interrupt();
        Assert.True(exit == 1, $"exit {exit}:\n{gateway.Output}");
        Assert.Matches(@"the record holds events 1 to \d+, and the last \d+ could not be written \(the disk is full\)", gateway.Output);
        Assert.DoesNotContain("   at ", gateway.Output);
        Assert.DoesNotContain("Exception", gateway.Output);

        disk.Free();
        using BeaconsProcess again = CrashTests.Gateway(venue, exercise, db);
        using var after = new HttpClient { BaseAddress = new Uri(again.Url) };
        Assert.Equal(notes, (await Notes(after)).Take(notes.Count)); // everything acknowledged is still there
    }

    private static Task<HttpResponseMessage> Note(HttpClient http, string text) =>
        http.PostAsJsonAsync("api/annotations", new { type = "note", text = text + " " + new string('x', 1900) });

    private static async Task<JsonElement> Status(HttpClient http) => JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.Clone();

    private static string? Fault(JsonElement status) => status.ValueKind == JsonValueKind.Object ? status.GetProperty("fault").GetString() : null;

    private static async Task<List<string>> Notes(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("api/roster")).RootElement.GetProperty("notes").EnumerateArray()
            .Select(n => n.GetProperty("text").GetString()!.Split(' ')[0] == "while" ? string.Join(' ', n.GetProperty("text").GetString()!.Split(' ')[..3]) : n.GetProperty("text").GetString()!.Split(' ')[0])
            .ToList();
}
