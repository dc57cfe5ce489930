using System.Text;
using System.Text.Json;
using Beacons.Configuration;

namespace Beacons.Provision;

/// <summary>
/// Writes the device files into the output folder: each configuration, the nanoff file-deployment
/// description that puts it on the device's internal storage (<c>nanoff --filedeployment</c>),
/// devices.csv, the list to label the hardware from, and the flash scripts that walk through them.
/// </summary>
public static class Deployment
{
    public const string IndexFileName = "devices.csv";

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

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (DeviceFile file in files)
        {
            string configPath = Path.Combine(root, file.FileName);
            File.WriteAllText(configPath, file.Text, utf8);
            File.WriteAllText(Path.Combine(root, file.DeploymentFileName), DeploymentJson(configPath, serialPort), utf8);
        }

        File.WriteAllText(Path.Combine(root, IndexFileName), Index(files), utf8);

        // Line ends of the shell each script is for: bash chokes on \r, Windows PowerShell accepts \r\n best.
        string bash = Path.Combine(root, FlashScript.BashFileName);
        File.WriteAllText(bash, FlashScript.Bash(files, exercise, serialPort), utf8);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bash, File.GetUnixFileMode(bash) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        }

        // With a byte-order mark: Windows PowerShell 5.1 reads a script without one in the ANSI code page, mangling names.
        File.WriteAllText(Path.Combine(root, FlashScript.PowerShellFileName),
            FlashScript.PowerShell(files, exercise, serialPort).Replace("\n", "\r\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
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
