using System.Text;
using Beacons.Gateway.Serving;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>One floor of the printed report's floor drawings: its zones, and its plan image as a data: URI (null when it has none to draw).</summary>
public sealed record FloorPlan(Floor Floor, IReadOnlyList<VenueZone> Zones, string? ImageDataUri);

/// <summary>
/// The venue's floors for the printed report, each plan image read from the venue's folder and embedded, so the
/// report stays one file that fetches nothing (its Content-Security-Policy allows only data: images). Only the
/// files <see cref="FloorImages"/> would serve, and only when their bytes are really PNG, JPEG or SVG; an image
/// that cannot be drawn is a remark, never a failure.
/// </summary>
public sealed record ReportPlans(IReadOnlyList<FloorPlan> Floors, IReadOnlyList<string> Remarks)
{
    /// <param name="folder">The venue file's folder, which a floor's image path is relative to; null when unknown.</param>
    public static ReportPlans For(Beacons.Venue.Venue venue, string? folder)
    {
        var floors = new List<FloorPlan>();
        var remarks = new List<string>();
        foreach (Floor floor in venue.Floors)
        {
            string? image = null;
            if (floor.Image != null)
            {
                (image, string? problem) = Embed(floor.Image, folder);
                if (problem != null)
                {
                    remarks.Add($"The plan image of floor \"{floor.Name}\" ({floor.Image}) {problem}: the floor is drawn without it.");
                }
            }

            floors.Add(new FloorPlan(floor, venue.Zones.Where(z => z.Floor == floor.Id).ToList(), image));
        }

        return new ReportPlans(floors, remarks);
    }

    /// <summary>The image's bytes sniffed, not trusted to its name: PNG and JPEG by their signatures, SVG by its root element.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        // An SVG file opens with an XML declaration, comments or a doctype before its <svg> element.
        string head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<') && head.Contains("<svg", StringComparison.Ordinal) ? "image/svg+xml" : null;
    }

    private static (string? DataUri, string? Problem) Embed(string image, string? folder)
    {
        if (folder == null)
        {
            return (null, "cannot be found: the record does not say which folder the venue file was in (give --venue FILE)");
        }

        if (FloorImages.Resolve(folder, image) is not (string path, _))
        {
            return (null, $"is missing from {folder}, or is not a .png, .jpg or .svg file there");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot be read: {e.Message}");
        }

        return TypeOf(bytes) is string type
            ? ($"data:{type};base64,{Convert.ToBase64String(bytes)}", null)
            : (null, "is not a PNG, JPEG or SVG image (its bytes say otherwise)");
    }
}
