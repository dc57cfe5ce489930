using System.CommandLine;

namespace Beacons.Provision;

/// <summary>
/// `beacons-provision`: every device's configuration file for one exercise, from the exercise and
/// venue files the gateway reads, into a folder (`beacons provision` makes the same files as a download).
/// Errors are one line on stderr and a non-zero exit.
/// </summary>
public static class ProvisionCommand
{
    public const string PasswordVariable = ProvisionOptions.PasswordVariable;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new ProvisionOptions();
        var outFolder = new Option<string>("--out") { Description = "The folder to write the device files into.", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Delete the device files already in --out first." };

        var root = new RootCommand("Write every device's configuration file for an exercise, the nanoff deployment that puts it on the device, flash.ps1 / flash.sh, which flash a box of devices one after another, and labels.html, their stickers.");
        foreach (Option option in options.All)
        {
            root.Options.Add(option);
        }

        root.Options.Add(outFolder);
        root.Options.Add(replace);

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !IsHelp(args))
        {
            error.WriteLine($"beacons-provision: {parse.Errors[0].Message}");
            return 2;
        }

        root.SetAction(p => Provision(options.Read(p), p.GetValue(outFolder)!, p.GetValue(replace), output));

        return ProvisionFailures.Report("beacons-provision", error, () => parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }));
    }

    public static int Provision(ProvisionRequest request, string folder, bool replace, TextWriter output)
    {
        ProvisionedDrill drill = request.Load();
        Deployment.Write(folder, drill.Files, drill.Title, request.SerialPort, replace);
        output.WriteLine($"beacons-provision: {drill.Counts} written to {folder} ({Deployment.IndexFileName} lists them, {LabelSheet.FileName} is their stickers){drill.IBeaconNote}");
        output.WriteLine($"flash them one after another with {Path.Combine(folder, FlashScript.PowerShellFileName)} (PowerShell) or {Path.Combine(folder, FlashScript.BashFileName)} (bash): hardware/README.md");
        return 0;
    }

    private static bool IsHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?" or "/?");
}
