using System.Text.RegularExpressions;
using Beacons.Gateway.Review;

namespace Beacons.Gateway.Tests.Review;

/// <summary>The printed report and its charts colour only from the page's palette (wwwroot/css/palette.css).</summary>
public class ReviewPaletteTests
{
    private static readonly Regex Literal = new(
        @"(?<![&\w])#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(|\b(?:fill|stroke|color|background)\s*[:=]\s*""?(?!var\(|none|url\(|inherit|transparent|currentColor)[a-z]+",
        RegexOptions.IgnoreCase);

    [Fact]
    public void The_report_uses_no_colour_of_its_own_and_only_the_palettes()
    {
        // With the floor drawings: they paint their zones from the palette too.
        string html = ReviewHtml.Render(ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), ScriptedDrill.Events()), TimeZoneInfo.Utc, ReportPlans.For(TestDrill.Venue(), null));

        Assert.Contains(ReportPalette.Css, html);
        string own = html.Replace(ReportPalette.Css, "");
        Assert.Empty(Literal.Matches(own).Select(m => m.Value));
        string[] used = Regex.Matches(own, @"var\((--[\w-]+)\)").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Contains("--hot", used);
        Assert.Empty(used.Where(p => !ReportPalette.Colours.ContainsKey(p)));
    }

    [Fact]
    public void Every_class_the_charts_paint_with_has_its_colour_in_the_palette()
    {
        foreach (string name in Enum.GetValues<Beacons.Venue.ZoneStatus>().Select(s => ReviewCharts.StatusClass(s)).Append(ReviewCharts.StatusClass(null))
            .Concat(Enum.GetValues<Beacons.Protocol.TriageColour>().Select(ReviewCharts.TriageClass)))
        {
            Assert.True(ReportPalette.Colours.ContainsKey($"--{name}"), name);
        }

        Assert.Equal("#b71c1c", ReportPalette.Colours["--hot"]);
    }
}
