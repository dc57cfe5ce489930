using System.Diagnostics;

namespace Beacons.Testing;

/// <summary>
/// A real, small disk for tests of a full one: a tmpfs mounted on a fresh folder (mounting needs root, as
/// tests/run and CI have), filled on demand and unmounted when disposed. Also how tests signal a process.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path)
    {
        Path = path;
    }

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static SmallDisk Mount(string parent, string size = "3m")
    {
        string path = System.IO.Path.Combine(parent, "disk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Takes every free byte: the next write that needs room fails as on a full disk.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Create);
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // full
        }
    }

    /// <summary>Gives back what <see cref="Fill"/> took.</summary>
    public void Free() => File.Delete(Filler);

    public void Dispose() => Run("umount", "-l", Path);

    /// <summary>Runs a system command (mount, kill ...) that must succeed.</summary>
    public static void Run(string program, params string[] args)
    {
        using Process p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({error.Trim()}); tests of a full disk and of signals need root");
        }
    }
}
