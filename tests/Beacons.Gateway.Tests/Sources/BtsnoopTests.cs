using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Sources;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Sources;

public class BtsnoopTests
{
    private const long T = 1_700_000_000_000;
    private readonly Air _air = new();

    [Theory]
    [InlineData(Btsnoop.DatalinkH4)]
    [InlineData(Btsnoop.DatalinkHci)]
    public void A_written_capture_reads_back_record_for_record(uint datalink)
    {
        var stream = new MemoryStream();
        var writer = new BtsnoopWriter(stream, datalink);
        byte[] report = HciEvents.AdvertisingReport([new HciAdvert(0, 1, 0xC0FFEE000001, _air.Badge(101, 1), -60)]);
        writer.WriteEvent(report, T);
        writer.Write(datalink == Btsnoop.DatalinkH4 ? [HciEvents.H4Command, 0x0C, 0x20, 0x02, 0x01, 0x00] : [0x0C, 0x20, 0x02, 0x01, 0x00], Btsnoop.FlagCommandOrEvent, T + 5); // a command, host to controller
        writer.WriteEvent(report, T + 1500);
        stream.Position = 0;

        var reader = new BtsnoopReader(stream);
        var records = new List<BtsnoopRecord>();
        while (reader.Next() is BtsnoopRecord r)
        {
            records.Add(r);
        }

        Assert.Equal(datalink, reader.Datalink);
        Assert.False(reader.Malformed);
        Assert.Equal(new[] { T, T + 5, T + 1500 }, records.Select(r => r.AtMs));
        Assert.Equal(report, Btsnoop.EventOf(records[0], datalink));
        Assert.Null(Btsnoop.EventOf(records[1], datalink));
        Assert.Equal(report, Btsnoop.EventOf(records[2], datalink));
    }

    [Fact]
    public void The_timestamp_counts_microseconds_from_year_zero()
    {
        var stream = new MemoryStream();
        new BtsnoopWriter(stream).Write([0x04, 0x0E, 0x00], 3, 0);

        byte[] bytes = stream.ToArray();

        // 1970-01-01 is 0x00DCDDB30F2F8000 microseconds after 0000-01-01, big-endian in the record's last 8 header bytes.
        Assert.Equal(new byte[] { 0x00, 0xDC, 0xDD, 0xB3, 0x0F, 0x2F, 0x80, 0x00 }, bytes[(16 + 16)..(16 + 24)]);
        Assert.Equal("btsnoop\0"u8.ToArray(), bytes[..8]);
    }

    [Fact]
    public void Replaying_a_capture_finds_the_devices_in_it()
    {
        string capture = WriteCapture(out _);
        var counters = new IngestCounters();
        var pipeline = new DrillPipeline(TestDrill.Venue(), TestDrill.Exercise(), new PipelineSettings(), counters, RosterFold.Initial(TestDrill.Venue(), TestDrill.Exercise()));

        using (FileStream stream = File.OpenRead(capture))
        {
            CaptureReplay.Run(stream, pipeline, receiverId: 2);
        }

        DrillRoster roster = pipeline.Roster;
        Assert.Equal(2, roster.Officers[101].Zone); // placed by the capturing adapter, counted as receiver 2
        Assert.Equal(TriageColour.Red, roster.Casualties[501].Colour);
        Assert.True(roster.Officers[103].Emergency);
        Assert.Equal(1, counters[Counter.FrameBadMac]);
        Assert.Equal(1, counters[Counter.HciMalformed]);
        Assert.Contains(pipeline.TakePending(), e => e.Body is Presence);
    }

    [Fact]
    public void The_replay_command_prints_what_it_found()
    {
        string capture = WriteCapture(out string directory);
        (string venue, string exercise) = TestDrill.WriteFiles(directory);
        var output = new StringWriter();

        int exit = Beacons.Gateway.CommandLine.ReplayCommand.Run(capture, venue, exercise, 2, printEvents: true, output);

        string text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("badge 101 Sgt. A. Ruiz, contact, zone 2 Library", text);
        Assert.Contains("tag 501 Casualty 1, red", text);
        Assert.Contains("1 frame-bad-mac", text);
        Assert.Contains("\"kind\":\"tag-changed\"", text);
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_one_clear_error()
    {
        Assert.Throws<BtsnoopException>(() => new BtsnoopReader(new MemoryStream("not a capture at all"u8.ToArray())));
        Assert.Throws<BtsnoopException>(() => new BtsnoopReader(new MemoryStream([.. "btsnoop\0"u8, 0, 0, 0, 1, 0, 0, 0x03, 0xE8]))); // datalink 1000
        Assert.Throws<BtsnoopException>(() => new BtsnoopReader(new MemoryStream([.. "btsnoop\0"u8, 0, 0, 0, 2, 0, 0, 0x03, 0xEA]))); // version 2
    }

    [Fact]
    public void Corrupt_and_truncated_captures_replay_what_they_can_and_never_throw()
    {
        string capture = WriteCapture(out _);
        byte[] valid = File.ReadAllBytes(capture);
        var random = new Random(99);
        for (int i = 0; i < 2_000; i++)
        {
            byte[] bytes = (i % 3) switch
            {
                0 => valid[..random.Next(16, valid.Length)],
                1 => HciEventsTests.Mutate(random, valid),
                _ => [.. valid[..16], .. HciEventsTests.RandomBytes(random, random.Next(0, 300))],
            };
            var counters = new IngestCounters();
            var pipeline = new DrillPipeline(TestDrill.Venue(), TestDrill.Exercise(), new PipelineSettings(), counters, RosterFold.Initial(TestDrill.Venue(), TestDrill.Exercise()));
            try
            {
                CaptureReplay.Run(new MemoryStream(bytes), pipeline, 1);
            }
            catch (BtsnoopException)
            {
                // a header mutated beyond recognition: refused as a whole, in one line
            }
        }
    }

    private string WriteCapture(out string directory)
    {
        directory = Path.Combine(Path.GetTempPath(), "beacons-test-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "drill.btsnoop");
        using FileStream file = File.Create(path);
        var writer = new BtsnoopWriter(file);
        byte[] forged = _air.Badge(102, 1);
        forged[^1] ^= 0xFF;
        for (int s = 0; s < 12; s++)
        {
            long at = T + (s * 1000L);
            writer.WriteEvent(HciEvents.AdvertisingReport([new HciAdvert(0, 1, 0xC0FFEE000001, _air.Badge(101, (uint)(s + 1)), -60)]), at);
            writer.WriteEvent(HciEvents.AdvertisingReport([new HciAdvert(0, 1, 0xC0FFEE000002, _air.Tag(501, (uint)(s + 1), TriageColour.Red), -70)]), at + 100);
            writer.WriteEvent(HciEvents.AdvertisingReport([new HciAdvert(0, 1, 0xC0FFEE000003, _air.Badge(103, (uint)(s + 1), emergency: true, role: OfficerRole.RtfMedic), -70)]), at + 200);
        }

        writer.WriteEvent(HciEvents.AdvertisingReport([new HciAdvert(0, 1, 0xC0FFEE000004, forged, -60)]), T + 12_000);
        writer.WriteEvent([0x3E, 0x40, 0x02, 0x01], T + 12_100); // a malformed report
        return path;
    }
}
