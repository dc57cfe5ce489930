using System.Text;

namespace Beacons.Gateway.Review;

/// <summary>Writes the review's forms into a folder: the printable report, the JSON and the CSV exports.</summary>
public static class ReviewFiles
{
    public const string Report = "report.html";
    public const string Json = "review.json";
    public const string Timeline = "timeline.csv";
    public const string Figures = "figures.csv";
    public const string Tracks = "tracks.csv";
    public const string Aar = "aar.md";

    /// <summary>Writes every file (replacing older ones) and returns their paths.</summary>
    /// <param name="plans">The floors the report draws (null: none).</param>
    public static IReadOnlyList<string> Write(DrillReview review, string directory, TimeZoneInfo? zone = null, ReportPlans? plans = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Save(string name, string text, bool byteOrderMark)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
            written.Add(path);
        }

        // The CSV files start with a byte order mark: without it, Excel reads UTF-8 names as mojibake.
        Save(Report, ReviewHtml.Render(review, zone, plans), false);
        Save(Json, ReviewJson.Serialize(review), false);
        Save(Timeline, ReviewCsv.Timeline(review), true);
        Save(Figures, ReviewCsv.Figures(review), true);
        Save(Tracks, ReviewCsv.Tracks(review), true);
        Save(Aar, ReviewMarkdown.Aar(review, zone), false);
        return written;
    }
}
