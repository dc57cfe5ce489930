using System.CommandLine;
using Beacons.Provision;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons provision`: every device's configuration, nanoff's deployment files, the flash scripts and the label
/// sheet as one download (zip), the same files beacons-provision writes into a folder. docs/provisioning.md.
/// </summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var options = new ProvisionOptions();
        var zip = new Option<string>("--out") { Description = "The zip to write (e.g. devices.zip); replaced if it exists.", Required = true };
        var command = new Command("provision", "Make the download that provisions a drill's devices: configurations, flash scripts and printable labels, in one zip.");
        foreach (Option option in options.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(zip);
        command.SetAction(parse => Run(options.Read(parse), parse.GetValue(zip)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(ProvisionRequest request, string zipPath, TextWriter output, TextWriter error) => ProvisionFailures.Report("beacons provision", error, () =>
    {
        ProvisionedDrill drill = request.Load();
        ConfigText.WriteAtomic(zipPath, Deployment.Zip(drill.Files, drill.Title, request.SerialPort)); // whole or not at all
        output.WriteLine($"beacons provision: {drill.Counts} in {zipPath}{drill.IBeaconNote}");
        output.WriteLine($"  unzip it, print {LabelSheet.FileName} for the stickers, then flash with {FlashScript.PowerShellFileName} (Windows) or {FlashScript.BashFileName}: docs/provisioning.md");
        output.WriteLine("  it holds the exercise's keys and the Wi-Fi password: keep it like the exercise file, delete it after the drill");
        return 0;
    });
}
