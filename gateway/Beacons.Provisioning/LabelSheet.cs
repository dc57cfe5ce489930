using System.Net;
using System.Text;
using Beacons.Configuration;
using QRCoder;

namespace Beacons.Provision;

/// <summary>
/// A printable page of stickers for the badges and tags: each with the device's name ("badge-101"), the
/// officer's name and role or the tag's label, and a QR code of the name, so a phone or scanner reads which
/// device is in a hand. Plain HTML with the QR codes as inline SVG: any browser prints it, nothing to install.
/// </summary>
public static class LabelSheet
{
    public const string FileName = "labels.html";

    public static string Html(IReadOnlyList<DeviceFile> files, string exercise)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>Labels: ").Append(Text(exercise)).Append("</title>\n");
        html.Append("""
            <style>
              body { font-family: system-ui, sans-serif; margin: 10mm; }
              h1 { font-size: 14pt; margin: 0 0 4mm; }
              .sheet { display: grid; grid-template-columns: repeat(3, 63mm); gap: 3mm; }
              .label { border: 1px dashed #999; height: 36mm; padding: 2mm; display: flex; gap: 2mm; align-items: center; break-inside: avoid; box-sizing: border-box; }
              .label svg { width: 30mm; height: 30mm; flex: none; }
              .id { font-size: 13pt; font-weight: bold; }
              .who { font-size: 10pt; }
              .detail { font-size: 8pt; color: #333; }
              @media print { body { margin: 0; } h1 { display: none; } }
            </style>
            </head>
            <body>

            """);
        html.Append("<h1>Labels for ").Append(Text(exercise)).Append(": stick each on its device; print at 100 %</h1>\n<div class=\"sheet\">\n");
        using var generator = new QRCodeGenerator();
        foreach (DeviceFile file in files.Where(f => f.Kind is DeviceKind.Badge or DeviceKind.Tag))
        {
            using QRCodeData data = generator.CreateQrCode(file.Name, QRCodeGenerator.ECCLevel.M);
            string svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
            html.Append("<div class=\"label\" data-device=\"").Append(Text(file.Name)).Append("\">");
            html.Append(svg[svg.IndexOf("<svg", StringComparison.Ordinal)..]); // without the XML declaration, which HTML does not take
            html.Append("<div><div class=\"id\">").Append(Text(file.Name)).Append("</div>");
            html.Append("<div class=\"who\">").Append(Text(file.Label)).Append("</div>");
            if (file.Detail.Length > 0)
            {
                html.Append("<div class=\"detail\">").Append(Text(file.Detail)).Append("</div>");
            }

            html.Append("</div></div>\n");
        }

        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
