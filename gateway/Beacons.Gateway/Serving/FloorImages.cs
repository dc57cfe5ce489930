namespace Beacons.Gateway.Serving;

/// <summary>
/// The floors' plan images, from the venue's folder: only the file a floor's <c>image</c> names, a relative path that
/// stays inside that folder, with a PNG, JPEG or SVG extension, served with that type. docs/gateway-api.md.
/// </summary>
public static class FloorImages
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".svg"] = "image/svg+xml",
    };

    /// <summary>The file <paramref name="image"/> names in <paramref name="folder"/> and its content type, or null when it is not one to serve.</summary>
    public static (string Path, string ContentType)? Resolve(string folder, string image)
    {
        if (image.Length == 0 || image.Contains(':') || Path.IsPathRooted(image) || !Types.TryGetValue(Path.GetExtension(image), out string? type))
        {
            return null; // a URL, a drive, an absolute path or another kind of file
        }

        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string path = Path.GetFullPath(Path.Combine(root, image));
        return path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path) ? (path, type) : null;
    }

    public static void Map(WebApplication app, Beacons.Venue.Venue venue, string? folder)
    {
        app.MapGet("/api/floors/{id:int}/image", (int id) =>
        {
            string? image = venue.Floors.FirstOrDefault(f => f.Id == id)?.Image;
            if (folder == null || image == null || Resolve(folder, image) is not (string path, string type))
            {
                return Results.NotFound();
            }

            return Results.File(path, type);
        });
    }
}
