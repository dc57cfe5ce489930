using System.Diagnostics;
using System.Text;

namespace Beacons.Testing;

/// <summary>
/// The real `beacons` program in its own process: the one harness the gateway tests, the browser tests and the
/// load test start it with (a linked file, so each project builds it against the beacons.dll it copies beside
/// itself). <see cref="Start"/> returns once the program has printed its start-up lines, which it does after
/// its ports are open; <see cref="Run"/> waits for a command that ends.
/// </summary>
public sealed class BeaconsProcess : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private BeaconsProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The dashboard's address, from the line "dashboard URL" ("" for a command that serves none: `beacons simulate`).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The receivers' UDP port, from the line "receivers UDP port N" (0 when the command prints none).</summary>
    public int UdpPort { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process ID, for tests that signal it (SIGSTOP, SIGINT).</summary>
    public int Pid => _process.Id;

    /// <summary>What the process printed on both streams, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts `beacons <paramref name="args"/>` in <paramref name="directory"/> and waits for its "Ctrl+C" line.
    /// Pass "--udp-port 0" and "--urls http://127.0.0.1:0" for free ports; <see cref="Url"/> and
    /// <see cref="UdpPort"/> then say which.
    /// </summary>
    public static BeaconsProcess Start(string directory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessStartInfo info = StartInfo(directory, args);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        var beacons = new BeaconsProcess(process);
        // Both streams are read to the end, so the program never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => beacons.Read(e.Data, started);
        process.ErrorDataReceived += (_, e) => beacons.Keep(e.Data);
        process.Exited += (_, _) => started.TrySetResult();
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!started.Task.Wait(StartLimit) || process.HasExited)
        {
            beacons.Dispose();
            throw new InvalidOperationException($"beacons {string.Join(' ', args)} did not start:\n{beacons.Output}");
        }

        return beacons;
    }

    /// <summary>Runs `beacons <paramref name="args"/>` in <paramref name="directory"/> to its end.</summary>
    public static (int Exit, string Output, string Error) Run(string directory, params string[] args) => Run(directory, null, args);

    /// <summary>Runs `beacons <paramref name="args"/>` in <paramref name="directory"/> with <paramref name="environment"/> set, to its end.</summary>
    public static (int Exit, string Output, string Error) Run(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        ProcessStartInfo info = StartInfo(directory, args);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("beacons did not exit: " + string.Join(' ', args));
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>SIGINT, as Ctrl+C: an orderly stop. Waits for the program to end and returns its exit code.</summary>
    public int Interrupt()
    {
        using (Process kill = Process.Start("kill", ["-INT", _process.Id.ToString()])!)
        {
            kill.WaitForExit();
        }

        if (!_process.WaitForExit(60_000))
        {
            throw new TimeoutException("beacons did not stop on SIGINT:\n" + Output);
        }

        _process.WaitForExit(); // and its output read to the end
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>Kills the program if it still runs; may be called more than once.</summary>
    public void Dispose()
    {
        Kill();
        _disposed = true;
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string directory, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        // The per-user data folder (.NET's LocalApplicationData is $XDG_DATA_HOME on Linux) inside the test's own
        // folder: a test never writes into the account's real drills, and tests never share records.
        info.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetFullPath(directory), "data");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "beacons.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private void Read(string? line, TaskCompletionSource started)
    {
        Keep(line);
        string[] words = line?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (words.Length > 3 && words[0] == "receivers")
        {
            UdpPort = int.Parse(words[3]);
        }
        else if (words.Length > 1 && words[0] == "dashboard")
        {
            Url = words[1];
        }
        else if (words.Length > 0 && words[0] == "Ctrl+C")
        {
            started.TrySetResult();
        }
    }

    private void Keep(string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
