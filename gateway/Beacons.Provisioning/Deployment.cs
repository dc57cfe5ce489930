using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Beacons.Configuration;

namespace Beacons.Provision;

/// <summary>One file of a device folder or download: its name there, its bytes, and whether it is a script to run.</summary>
public sealed record DeploymentEntry(string Name, byte[] Bytes, bool Executable = false);

/// <summary>
/// The device files: each configuration, the nanoff file-deployment description that puts it on the device's
/// internal storage (<c>nanoff --filedeployment</c>), devices.csv, the list to label the hardware from, the flash
/// scripts that walk through them and the printable label sheet. <see cref="Write"/> puts them in a folder
/// (beacons-provision); <see cref="Zip"/> makes the download `beacons provision` and the Setup page give.
/// </summary>
public static class Deployment
{
    public const string IndexFileName = "devices.csv";

    /// <summary>Every file, in the order a person reads them.</summary>
    /// <param name="sourcePath">Where the deployment file says a configuration is: absolute for a folder, its bare name in a download (the scripts run nanoff from their own folder).</param>
    public static IReadOnlyList<DeploymentEntry> Entries(IReadOnlyList<DeviceFile> files, string exercise, string? serialPort, Func<DeviceFile, string> sourcePath)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var entries = new List<DeploymentEntry>();
        foreach (DeviceFile file in files)
        {
            entries.Add(new DeploymentEntry(file.FileName, utf8.GetBytes(file.Text)));
            entries.Add(new DeploymentEntry(file.DeploymentFileName, utf8.GetBytes(DeploymentJson(sourcePath(file), serialPort))));
        }

        entries.Add(new DeploymentEntry(IndexFileName, utf8.GetBytes(Index(files))));

        // Line ends of the shell each script is for: bash chokes on \r, Windows PowerShell accepts \r\n best.
        entries.Add(new DeploymentEntry(FlashScript.BashFileName, utf8.GetBytes(FlashScript.Bash(files, exercise, serialPort)), Executable: true));

        // With a byte-order mark: Windows PowerShell 5.1 reads a script without one in the ANSI code page, mangling names.
        entries.Add(new DeploymentEntry(FlashScript.PowerShellFileName,
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(utf8.GetBytes(FlashScript.PowerShell(files, exercise, serialPort).Replace("\n", "\r\n"))).ToArray()));
        entries.Add(new DeploymentEntry(LabelSheet.FileName, utf8.GetBytes(LabelSheet.Html(files, exercise))));
        return entries;
    }

    public static void Write(string folder, IReadOnlyList<DeviceFile> files, string exercise, string? serialPort, bool replace)
    {
        string root = Path.GetFullPath(folder);
        if (File.Exists(root))
        {
            throw new ProvisionException($"{folder} is a file; --out needs a folder");
        }

        Directory.CreateDirectory(root);
        string[] previous = Directory.GetFiles(root, "*.conf").Concat(Directory.GetFiles(root, "*.deploy.json")).ToArray();
        if (previous.Length > 0 && !replace)
        {
            // Files of devices no longer on the roster must not linger next to the new ones.
            throw new ProvisionException($"{folder} already holds device files ({Path.GetFileName(previous[0])} ...): choose an empty folder, or add --replace to delete them first");
        }

        foreach (string old in previous)
        {
            File.Delete(old);
        }

        foreach (DeploymentEntry entry in Entries(files, exercise, serialPort, f => Path.Combine(root, f.FileName)))
        {
            string path = Path.Combine(root, entry.Name);
            File.WriteAllBytes(path, entry.Bytes);
            if (entry.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
            }
        }
    }

    /// <summary>
    /// The same files as one zip, unpacked anywhere: the deployment files name their configuration relative to
    /// the folder, and the scripts run nanoff from there. flash.sh keeps its execute bit for unzip on Linux and macOS.
    /// </summary>
    public static byte[] Zip(IReadOnlyList<DeviceFile> files, string exercise, string? serialPort)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (DeploymentEntry entry in Entries(files, exercise, serialPort, f => f.FileName))
            {
                ZipArchiveEntry zipped = zip.CreateEntry(entry.Name, CompressionLevel.Optimal);
                // Unix permissions in the upper half: rwxr-xr-x for scripts, rw-r--r-- otherwise.
                zipped.ExternalAttributes = (entry.Executable ? 0b111_101_101 : 0b110_100_100) << 16;
                using Stream s = zipped.Open();
                s.Write(entry.Bytes);
            }
        }

        return stream.ToArray();
    }

    /// <summary>nanoff's file-deployment description: one file, copied to where the firmware reads its configuration.</summary>
    public static string DeploymentJson(string sourcePath, string? serialPort)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (!string.IsNullOrEmpty(serialPort))
            {
                w.WriteString("SerialPort", serialPort);
            }

            w.WriteStartArray("Files");
            w.WriteStartObject();
            w.WriteString("DestinationFilePath", DeviceStorage.ConfigurationPath);
            w.WriteString("SourceFilePath", sourcePath);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Index(IReadOnlyList<DeviceFile> files)
    {
        var csv = new StringBuilder("kind,id,label,board,configuration,deployment\n");
        foreach (DeviceFile f in files)
        {
            csv.Append(ConfigurationWords.KindName(f.Kind)).Append(',').Append(f.Id).Append(',').Append(Csv(f.Label)).Append(',')
                .Append(f.Board.Name).Append(',').Append(f.FileName).Append(',').Append(f.DeploymentFileName).Append('\n');
        }

        return csv.ToString();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
