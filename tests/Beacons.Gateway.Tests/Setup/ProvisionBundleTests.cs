using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacons.Configuration;
using Beacons.Gateway.Tests.Serving;
using Beacons.Provision;
using ProvisionCommand = Beacons.Gateway.CommandLine.ProvisionCommand;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>
/// `beacons provision`: one zip with every device's configuration and deployment file, the flash scripts and the
/// label sheet. The test opens the zip as a person would and reads each configuration with the firmware's parser.
/// </summary>
public class ProvisionBundleTests
{
    // The test drill: badges 101-104, tags 501-503, our anchor 900 (901 is an iBeacon: no file), receivers 1-3.
    private static readonly string[] Devices =
        ["badge-101", "badge-102", "badge-103", "badge-104", "tag-501", "tag-502", "tag-503", "anchor-900", "receiver-1", "receiver-2", "receiver-3"];

    private readonly string _dir = LiveGateway.NewDirectory();
    private readonly string _zip;
    private readonly string _output;

    public ProvisionBundleTests()
    {
        (string venue, string exercise) = TestDrill.WriteFiles(_dir);
        _zip = Path.Combine(_dir, "devices.zip");
        var output = new StringWriter();
        var error = new StringWriter();
        var request = new ProvisionRequest(exercise, venue, new Site("Drill Net", "secret pw", "192.168.4.10", 47800), [], null, Locate: true);
        Assert.True(ProvisionCommand.Run(request, _zip, output, error) == 0, error.ToString());
        _output = output.ToString();
    }

    [Fact]
    public void Every_device_has_its_configuration_and_a_deployment_that_finds_it_wherever_the_zip_is_unpacked()
    {
        using ZipArchive zip = ZipFile.OpenRead(_zip);

        Assert.Equal(
            Devices.SelectMany(d => new[] { $"{d}.conf", $"{d}.deploy.json" }).Concat(["devices.csv", "flash.sh", "flash.ps1", "labels.html"]).Order(),
            zip.Entries.Select(e => e.FullName).Order());
        foreach (string device in Devices)
        {
            ConfigurationResult parsed = ConfigurationParser.Parse(Read(zip, $"{device}.conf"));
            Assert.True(parsed.IsValid, $"{device}: {parsed.Error}");
            Assert.Equal(device, $"{ConfigurationWords.KindName(parsed.Configuration.Kind)}-{parsed.Configuration.DeviceId}");
            Assert.Equal(42, parsed.Configuration.ExerciseId);

            using JsonDocument deployment = JsonDocument.Parse(Read(zip, $"{device}.deploy.json"));
            JsonElement file = Assert.Single(deployment.RootElement.GetProperty("Files").EnumerateArray());
            Assert.Equal($"{device}.conf", file.GetProperty("SourceFilePath").GetString()); // relative: the scripts run nanoff from their folder
        }

        Assert.Contains("locate=true", Read(zip, "badge-101.conf"));
        Assert.Contains("wifi.ssid=Drill Net", Read(zip, "receiver-1.conf"));
        Assert.Equal(0b111_101_101, (zip.GetEntry("flash.sh")!.ExternalAttributes >> 16) & 0b111_111_111);
        Assert.Contains("(cd \"$here\" && nanoff", Read(zip, "flash.sh"));
        Assert.Contains("Push-Location -LiteralPath $PSScriptRoot", Read(zip, "flash.ps1"));
        Assert.Equal(Devices.Length + 1, Read(zip, "devices.csv").Trim().Split('\n').Length);
        Assert.StartsWith("beacons provision: 4 badges, 3 tags, 1 anchors, 3 receivers in " + _zip + "; 1 iBeacon anchors need no file", _output);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void The_label_sheet_has_one_label_per_badge_and_tag_with_its_id_who_and_a_qr_code()
    {
        using ZipArchive zip = ZipFile.OpenRead(_zip);
        string html = Read(zip, "labels.html");

        string[] labels = Regex.Split(html, "<div class=\"label\" ").Skip(1).ToArray();
        Assert.Equal(Devices.Where(d => d.StartsWith("badge") || d.StartsWith("tag")), labels.Select(l => Regex.Match(l, "^data-device=\"([^\"]+)\"").Groups[1].Value));
        foreach (string label in labels)
        {
            string device = Regex.Match(label, "^data-device=\"([^\"]+)\"").Groups[1].Value;
            Assert.Contains($"<div class=\"id\">{device}</div>", label);
            Assert.Matches("<svg [^>]*viewBox=\"[^\"]+\"", label);
            Assert.Contains("</svg>", label);
        }

        Assert.Contains("<div class=\"who\">Medic C. Diaz</div><div class=\"detail\">rtf-medic, County EMS</div>", labels[2]);
        Assert.Contains("<div class=\"who\">Casualty 1</div>", labels[4]);
    }

    [Fact]
    public void A_qr_code_differs_with_the_id_it_holds()
    {
        using ZipArchive zip = ZipFile.OpenRead(_zip);
        string html = Read(zip, "labels.html");

        // Not decoded here: different IDs must at least draw different codes, and the same sheet the same ones.
        string[] codes = Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToArray();
        Assert.Equal(7, codes.Length);
        Assert.Equal(7, codes.Distinct().Count());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
