using System.Text.Json.Nodes;
using Beacons.Gateway.CommandLine;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Gateway.Tests.Serving;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// The printed report draws each floor, its plan image embedded as a data: URI under the zones (the report is one
/// file, and its policy allows only data: images); an image that cannot be drawn is a remark, never a failure.
/// </summary>
public class ReportFloorPlanTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private static readonly DrillReview Review = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), ScriptedDrill.Events());

    [Fact]
    public void A_floor_with_a_plan_image_has_it_under_its_zones()
    {
        string folder = LiveGateway.NewDirectory();
        File.WriteAllBytes(Path.Combine(folder, "ground.png"), Png);

        ReportPlans plans = ReportPlans.For(VenueWithImage("ground.png"), folder);
        string html = ReviewHtml.Render(Review, TimeZoneInfo.Utc, plans);

        Assert.Empty(plans.Remarks);
        string ground = Svg(html, "floor-0");
        int image = ground.IndexOf($"<image href=\"data:image/png;base64,{Convert.ToBase64String(Png)}\"", StringComparison.Ordinal);
        Assert.True(image > 0, ground);
        Assert.True(image < ground.IndexOf("<polygon", StringComparison.Ordinal), "the image is drawn under the zones, so before them");
        Assert.Contains("East corridor", ground);
        Assert.DoesNotContain("<image", Svg(html, "floor-1"));
    }

    [Fact]
    public void Without_a_plan_image_the_floors_are_drawn_alone_and_nothing_is_remarked()
    {
        ReportPlans plans = ReportPlans.For(TestDrill.Venue(), LiveGateway.NewDirectory());
        string html = ReviewHtml.Render(Review, TimeZoneInfo.Utc, plans);

        Assert.Empty(plans.Remarks);
        Assert.DoesNotContain("<image", html);
        Assert.Contains("<polygon", Svg(html, "floor-0"));
        Assert.Contains("Upper hall", Svg(html, "floor-1"));
    }

    [Theory]
    [InlineData("ground.png", "not a PNG", "its bytes say otherwise")] // named .png, but text inside
    [InlineData("missing.png", null, "is missing from")]
    public void An_image_that_cannot_be_drawn_is_a_remark_and_the_floor_is_drawn_without_it(string image, string? content, string why)
    {
        string folder = LiveGateway.NewDirectory();
        if (content != null)
        {
            File.WriteAllText(Path.Combine(folder, image), content);
        }

        ReportPlans plans = ReportPlans.For(VenueWithImage(image), folder);
        string html = ReviewHtml.Render(Review, TimeZoneInfo.Utc, plans);

        string remark = Assert.Single(plans.Remarks);
        Assert.Contains(why, remark);
        Assert.Contains("the floor is drawn without it", remark);
        Assert.DoesNotContain("<image", html);
        Assert.Contains("<polygon", Svg(html, "floor-0"));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'<', (byte)'?', (byte)'x', (byte)'m', (byte)'l', (byte)'?', (byte)'>', (byte)'<', (byte)'s', (byte)'v', (byte)'g', (byte)'/', (byte)'>' }, "image/svg+xml")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, null)]
    [InlineData(new byte[] { (byte)'s', (byte)'v', (byte)'g' }, null)]
    public void The_type_comes_from_the_bytes(byte[] bytes, string? type) => Assert.Equal(type, ReportPlans.TypeOf(bytes));

    [Fact]
    public void Beacons_report_from_the_record_alone_finds_the_image_in_the_folder_the_gateway_was_started_from()
    {
        string folder = LiveGateway.NewDirectory();
        File.WriteAllBytes(Path.Combine(folder, "ground.png"), Png);
        string db = Path.Combine(folder, "drill.db");
        using (EventStore store = EventStore.Open(db))
        {
            store.KeepDrillFiles(VenueFile.Format(VenueWithImage("ground.png")), ExerciseFile.FormatWithoutKeys(TestDrill.Exercise()), folder);
            store.Append(ScriptedDrill.Events().Select(StoredEvent.Of).ToList(), null);
        }

        string output = Path.Combine(folder, "out");
        int exit = ReportCommand.Run(db, null, null, output, new ReviewSettings(), new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains($"<image href=\"data:image/png;base64,{Convert.ToBase64String(Png)}\"", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public async Task The_gateways_report_embeds_the_image_from_its_venue_folder_and_the_record_keeps_that_folder()
    {
        string folder = LiveGateway.NewDirectory();
        File.WriteAllBytes(Path.Combine(folder, "ground.png"), Png);
        await using LiveGateway gateway = await LiveGateway.StartAsync(
            options: new Beacons.Gateway.Serving.GatewayOptions { VenueFolder = folder }, venue: VenueWithImage("ground.png"));

        string html = await gateway.Http.GetStringAsync("api/review/report.html");

        Assert.Contains($"<image href=\"data:image/png;base64,{Convert.ToBase64String(Png)}\"", html);
        using EventStore record = EventStore.OpenReadOnly(gateway.DbPath);
        Assert.Equal(folder, record.VenueFolder);
    }

    private static Beacons.Venue.Venue VenueWithImage(string image)
    {
        JsonObject venue = TestDrill.VenueJson();
        venue["floors"]![0]!["image"] = image;
        return VenueFile.Parse(venue.ToJsonString(), "venue.json");
    }

    private static string Svg(string html, string id)
    {
        int start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start > 0, $"no drawing {id}");
        return html[start..html.IndexOf("</svg>", start, StringComparison.Ordinal)];
    }
}
