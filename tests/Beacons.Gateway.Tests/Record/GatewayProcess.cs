using System.Diagnostics;

namespace Beacons.Gateway.Tests.Record;

/// <summary>The real `beacons gateway` program in its own process, on free ports, for tests that must kill it.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, string url, int udpPort)
    {
        _process = process;
        Url = url;
        UdpPort = udpPort;
    }

    public string Url { get; }

    public int UdpPort { get; }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public static GatewayProcess Start(string venue, string exercise, string db, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(db)!,
        };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "beacons.dll"), "gateway", "--venue", venue, "--exercise", exercise,
                     "--db", db, "--udp-port", "0", "--urls", "http://127.0.0.1:0", .. more])
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        string? url = null;
        int udpPort = 0;
        var seen = new List<string>();
        while (process.StandardOutput.ReadLine() is string line)
        {
            seen.Add(line);
            string text = line.Trim();
            if (text.StartsWith("receivers"))
            {
                udpPort = int.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
            }
            else if (text.StartsWith("dashboard"))
            {
                url = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            }
            else if (text.StartsWith("Ctrl+C"))
            {
                break;
            }
        }

        if (url == null || udpPort == 0)
        {
            process.WaitForExit(10_000);
            throw new InvalidOperationException("the gateway did not start: " + string.Join(" | ", seen) + " | " + process.StandardError.ReadToEnd());
        }

        // Keep draining its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new GatewayProcess(process, url, udpPort);
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
