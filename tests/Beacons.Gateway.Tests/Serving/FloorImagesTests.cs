using Beacons.Gateway.Serving;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>Only the image a floor names, inside the venue's folder, is served, with its own content type.</summary>
public class FloorImagesTests
{
    [Fact]
    public void A_plan_in_the_venue_folder_is_served_with_its_type_and_nothing_outside_or_of_another_kind()
    {
        string folder = LiveGateway.NewDirectory();
        string venue = Path.Combine(folder, "venue");
        Directory.CreateDirectory(Path.Combine(venue, "plans"));
        File.WriteAllBytes(Path.Combine(venue, "plans", "ground.PNG"), [0x89, 0x50]);
        File.WriteAllText(Path.Combine(venue, "upper.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(venue, "notes.txt"), "x");
        File.WriteAllBytes(Path.Combine(folder, "secret.png"), [0x89, 0x50]);

        Assert.Equal((Path.Combine(venue, "plans", "ground.PNG"), "image/png"), FloorImages.Resolve(venue, "plans/ground.PNG"));
        Assert.Equal("image/svg+xml", FloorImages.Resolve(venue, "upper.svg")?.ContentType);
        Assert.Null(FloorImages.Resolve(venue, "../secret.png"));
        Assert.Null(FloorImages.Resolve(venue, "plans/../../secret.png"));
        Assert.Null(FloorImages.Resolve(venue, Path.Combine(folder, "secret.png")));
        Assert.Null(FloorImages.Resolve(venue, "notes.txt"));
        Assert.Null(FloorImages.Resolve(venue, "http://example.com/plan.png"));
        Assert.Null(FloorImages.Resolve(venue, "missing.png"));
    }
}
