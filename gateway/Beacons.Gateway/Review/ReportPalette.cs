using System.Text.RegularExpressions;

namespace Beacons.Gateway.Review;

/// <summary>
/// wwwroot/css/palette.css, the one palette of the dashboard and the review, built into the program so the
/// printed report carries it wherever it is opened. The report and its charts colour only through its
/// custom properties (var(--hot)), never with colours of their own.
/// </summary>
public static partial class ReportPalette
{
    public static string Css { get; } = Read();

    /// <summary>Every colour of the palette by custom property: "--hot" is "#b71c1c".</summary>
    public static IReadOnlyDictionary<string, string> Colours { get; } =
        Declaration().Matches(Css).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());

    private static string Read()
    {
        using Stream stream = typeof(ReportPalette).Assembly.GetManifestResourceStream("palette.css")
            ?? throw new InvalidOperationException("palette.css is not built into the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"(--[\w-]+)\s*:\s*([^;]+);")]
    private static partial Regex Declaration();
}
