using System.Net.Http.Json;
using Beacons.Gateway.CommandLine;
using Beacons.Gateway.Record;
using Beacons.Gateway.Tests.Serving;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Record;

/// <summary>
/// One writer per record, whatever path reaches the file: the lock is on the database file itself, so a
/// symlink or a hard link to it cannot let a second gateway in, and there is no side file to delete.
/// </summary>
public class RecordLockTests
{
    [Fact]
    public void A_second_writer_is_refused_through_the_same_path_a_symlink_and_a_hard_link()
    {
        string directory = LiveGateway.NewDirectory();
        string db = Path.Combine(directory, "record.db");
        using EventStore first = EventStore.Open(db);
        string symlink = Path.Combine(directory, "alias.db");
        File.CreateSymbolicLink(symlink, db);
        string hardlink = Path.Combine(directory, "hard.db");
        Link(db, hardlink);

        foreach (string path in new[] { db, symlink, hardlink })
        {
            StoreException refused = Assert.Throws<StoreException>(() => EventStore.Open(path));
            Assert.Equal($"the record {path} is in use by another gateway", refused.Message);
        }

        first.Append([StoredEvent.Of(new DrillEvent(1, 1_000, new Annotation("note", "still writing")))], null);
        Assert.Equal(1, first.LastEventId);
    }

    [Fact]
    public void The_lock_goes_with_the_writer_and_leaves_no_file_behind()
    {
        string directory = LiveGateway.NewDirectory();
        string db = Path.Combine(directory, "record.db");
        EventStore.Open(db).Dispose();

        using EventStore again = EventStore.Open(db);
        Assert.DoesNotContain(Directory.GetFiles(directory), f => f.EndsWith(".lock"));
    }

    [Fact]
    public void A_read_only_store_reads_beside_the_writer_and_cannot_append()
    {
        string db = Path.Combine(LiveGateway.NewDirectory(), "record.db");
        using EventStore writer = EventStore.Open(db);
        writer.Append([StoredEvent.Of(new DrillEvent(1, 1_000, new Annotation("note", "one")))], null);

        using EventStore reader = EventStore.OpenReadOnly(db);
        writer.Append([StoredEvent.Of(new DrillEvent(2, 2_000, new Annotation("note", "two")))], null);

        Assert.Equal(2, reader.LastEventId);
        Assert.Equal(["one", "two"], reader.ReadAll().Select(e => ((Annotation)e.Body).Text));
        Assert.Throws<InvalidOperationException>(() => reader.Append([], null));
        Assert.Throws<StoreException>(() => EventStore.OpenReadOnly(Path.Combine(LiveGateway.NewDirectory(), "missing.db")));
    }

    [Fact]
    public async Task A_second_gateway_process_is_refused_in_one_line_and_the_first_keeps_recording_while_report_reads_the_live_record()
    {
        string directory = LiveGateway.NewDirectory();
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        string db = Path.Combine(directory, "record.db");
        using BeaconsProcess first = CrashTests.Gateway(venue, exercise, db);
        using var http = new HttpClient { BaseAddress = new Uri(first.Url) };
        string symlink = Path.Combine(directory, "alias.db");
        File.CreateSymbolicLink(symlink, db);
        string hardlink = Path.Combine(directory, "hard.db");
        Link(db, hardlink);

        foreach (string path in new[] { symlink, hardlink })
        {
            var refused = Assert.Throws<InvalidOperationException>(() => CrashTests.Gateway(venue, exercise, path));
            Assert.Contains($"the record {path} is in use by another gateway", refused.Message);
            Assert.DoesNotContain("   at ", refused.Message); // one line, no stack trace
        }

        HttpResponseMessage noted = await http.PostAsJsonAsync("api/annotations", new { type = "note", text = "after the refused starts" });
        Assert.True(noted.IsSuccessStatusCode, await noted.Content.ReadAsStringAsync());

        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ReportCommand.Run(db, null, null, Path.Combine(directory, "review"), new(), output, error);
        Assert.True(exit == 0, error.ToString());
        Assert.True(File.Exists(Path.Combine(directory, "review", "report.html")));
    }

    private static void Link(string existing, string link)
    {
        // A hard link: no managed API makes one, and ln is on every machine these tests run on.
        using var ln = System.Diagnostics.Process.Start("ln", [existing, link]);
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}
