using System.Buffers.Binary;
using System.Globalization;
using System.Xml;

namespace Beacons.Gateway.Setup;

/// <summary>A floor plan that passed <see cref="PlanImageCheck"/>: its kind (the file's extension) and its size in pixels.</summary>
public sealed record PlanImageInfo(string Extension, double Width, double Height);

/// <summary>
/// Says what an uploaded floor plan is from its bytes, never its name: a PNG or a JPEG by its signature, an SVG by
/// being XML with an &lt;svg&gt; root. An SVG is drawn on the controllers' pages, so one that could run a script,
/// embed foreign content or fetch anything from elsewhere is refused. docs/setup.md, "Floors".
/// </summary>
public static class PlanImageCheck
{
    public const int MaxBytes = 16 * 1024 * 1024;

    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's kind and size, or null with <paramref name="problem"/> saying why it is refused, for the upload field.</summary>
    public static PlanImageInfo? Inspect(byte[] bytes, out string problem)
    {
        problem = "";
        if (bytes.Length == 0)
        {
            problem = "the file is empty";
            return null;
        }

        if (bytes.Length > MaxBytes)
        {
            problem = $"the file is {bytes.Length / (1024 * 1024)} MB; a plan may be up to {MaxBytes / (1024 * 1024)} MB (export it smaller)";
            return null;
        }

        PlanImageInfo? info = bytes.AsSpan().StartsWith(PngSignature) ? Png(bytes, out problem)
            : bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? Jpeg(bytes, out problem)
            : LooksLikePdf(bytes) ? Refuse("this is a PDF: open it, export the floor's page as a PNG image, and upload that", out problem)
            : Svg(bytes, out problem);
        return info;
    }

    private static PlanImageInfo? Png(byte[] bytes, out string problem)
    {
        // The IHDR chunk comes first: its width and height, big-endian, right after the signature, length and type.
        if (bytes.Length < 24 || bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R')
        {
            return Refuse("the PNG is cut short or damaged (no image header)", out problem);
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16));
        uint height = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        return Sized("png", width, height, out problem);
    }

    private static PlanImageInfo? Jpeg(byte[] bytes, out string problem)
    {
        // Walk the segments to the first frame header (SOF0..SOF15, but not DHT C4, JPG C8 or DAC CC): height, then width.
        int at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                break;
            }

            byte marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++; // padding
                continue;
            }

            int length = (bytes[at + 2] << 8) | bytes[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (at + 9 > bytes.Length)
                {
                    break;
                }

                int height = (bytes[at + 5] << 8) | bytes[at + 6];
                int width = (bytes[at + 7] << 8) | bytes[at + 8];
                return Sized("jpg", (uint)width, (uint)height, out problem);
            }

            if (marker == 0xDA || length < 2)
            {
                break; // image data before any frame header
            }

            at += 2 + length;
        }

        return Refuse("the JPEG is cut short or damaged (no frame header)", out problem);
    }

    private static PlanImageInfo? Svg(byte[] bytes, out string problem)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, // exporters write a DOCTYPE; its entities are never expanded
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = MaxBytes,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                return Refuse(NotAnImage, out problem);
            }

            if (reader.LocalName != "svg")
            {
                return Refuse($"{NotAnImage} (this is XML with a <{reader.LocalName}> root, not an <svg> drawing)", out problem);
            }

            if (reader.NamespaceURI != SvgNamespace)
            {
                return Refuse($"the SVG's <svg> root needs xmlns=\"{SvgNamespace}\" for a browser to draw it", out problem);
            }

            (double Width, double Height)? size = SvgSize(reader);
            string element = "";
            do
            {
                string? why = reader.NodeType switch
                {
                    XmlNodeType.Element => Unsafe(reader),
                    // A style sheet's text (the only text that can fetch anything).
                    XmlNodeType.Text or XmlNodeType.CDATA when element.Equals("style", StringComparison.OrdinalIgnoreCase) =>
                        ExternalInStyle(reader.Value) is string external ? $"has a style that loads {external}" : null,
                    _ => null,
                };
                if (why != null)
                {
                    return Refuse($"the SVG {why}; a floor plan is drawn on the controllers' pages, so it may hold only drawing (export it again as a plain SVG or as a PNG)", out problem);
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    element = reader.LocalName;
                }
            }
            while (reader.Read());

            if (size is not (double width, double height) || width <= 0 || height <= 0)
            {
                return Refuse("the SVG gives no size: its <svg> root needs width and height, or a viewBox", out problem);
            }

            problem = "";
            return new PlanImageInfo("svg", width, height);
        }
        catch (XmlException)
        {
            return Refuse(NotAnImage, out problem);
        }
    }

    private const string NotAnImage = "this file is not a floor plan image: upload a PNG, a JPEG or an SVG (a PDF: export the page as a PNG)";

    /// <summary>Why this element may not be in a plan, or null.</summary>
    private static string? Unsafe(XmlReader reader)
    {
        string element = reader.LocalName;
        if (element.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            return "holds a script";
        }

        if (element.Equals("foreignObject", StringComparison.OrdinalIgnoreCase) || (reader.NamespaceURI == "http://www.w3.org/1999/xhtml"))
        {
            return "holds foreign content (a <foreignObject> or HTML)";
        }

        for (bool more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            string name = reader.LocalName;
            string value = reader.Value.Trim();
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                reader.MoveToElement();
                return $"has an event handler ({name} on <{element}>), which is a script";
            }

            if (name == "href" && !value.StartsWith('#') && !value.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
                && !value.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase))
            {
                reader.MoveToElement();
                return $"refers to something outside it ({Short(value)} on <{element}>)";
            }

            if (name == "style" && ExternalInStyle(value) is string external)
            {
                reader.MoveToElement();
                return $"has a style that loads {external}";
            }
        }

        reader.MoveToElement();
        return null;
    }

    // url(#id) points inside the drawing; any other url() or an @import fetches something.
    private static string? ExternalInStyle(string css)
    {
        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            return "another file (@import)";
        }

        int at = 0;
        while ((at = css.IndexOf("url(", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            string inside = css[(at + 4)..].TrimStart(' ', '"', '\'');
            if (!inside.StartsWith('#'))
            {
                return $"something outside it ({Short("url(" + inside)})";
            }

            at += 4;
        }

        return null;
    }

    private static (double, double)? SvgSize(XmlReader reader)
    {
        double? width = Length(reader.GetAttribute("width"));
        double? height = Length(reader.GetAttribute("height"));
        if (width != null && height != null)
        {
            return (width.Value, height.Value);
        }

        string[] box = (reader.GetAttribute("viewBox") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return box.Length == 4 && double.TryParse(box[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
            && double.TryParse(box[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double h) ? (w, h) : null;
    }

    // "600", "600px" or "600.5": a length in pixels; "100%" or "21cm" says nothing about the drawing's own units.
    private static double? Length(string? text)
    {
        string value = (text ?? "").Trim();
        if (value.EndsWith("px", StringComparison.Ordinal))
        {
            value = value[..^2];
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double length) && double.IsFinite(length) ? length : null;
    }

    private static PlanImageInfo? Sized(string extension, uint width, uint height, out string problem)
    {
        if (width == 0 || height == 0 || width > 100_000 || height > 100_000)
        {
            return Refuse($"the image says it is {width} by {height} pixels: it is damaged", out problem);
        }

        problem = "";
        return new PlanImageInfo(extension, width, height);
    }

    private static bool LooksLikePdf(byte[] bytes) => bytes.Length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-';

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static PlanImageInfo? Refuse(string why, out string problem)
    {
        problem = why;
        return null;
    }
}
