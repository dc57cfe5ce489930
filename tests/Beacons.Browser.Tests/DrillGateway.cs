using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Beacons.Gateway.Tests;
using Beacons.Testing;

namespace Beacons.Browser.Tests;

/// <summary>
/// A real `beacons gateway` process on free ports, over the gateway tests' drill files written into a fresh
/// directory. It can be killed and started again on the same record and the same ports, as after a crash.
/// </summary>
public sealed class DrillGateway : IAsyncDisposable
{
    private BeaconsProcess? _process;

    private DrillGateway(string directory, string? token)
    {
        Directory = directory;
        (VenuePath, ExercisePath) = TestDrill.WriteFiles(directory);
        DbPath = Path.Combine(directory, "record.db");
        HttpPort = FreeTcpPort();
        UdpPort = FreeUdpPort();
        Token = token;
        Http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        if (token != null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public string Directory { get; }

    public string VenuePath { get; }

    public string ExercisePath { get; }

    public string DbPath { get; }

    public int HttpPort { get; }

    public int UdpPort { get; }

    public string? Token { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Talks to the API with the token when there is one.</summary>
    public HttpClient Http { get; }

    /// <summary>The running program's process ID, for tests that signal it.</summary>
    public int Pid => _process!.Pid;

    /// <summary>What the process printed (both streams), for failure messages.</summary>
    public string Output => _process?.Output ?? "";

    /// <param name="directory">Where the drill's files and record go (a fresh temporary folder when null).</param>
    public static DrillGateway Start(string? token = null, string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "beacons-browser-" + Guid.NewGuid().ToString("N")[..12]);
        var gateway = new DrillGateway(directory, token);
        gateway.StartAgain();
        return gateway;
    }

    /// <summary>
    /// Starts the process (again) on the same ports, and waits until it listens: on the same record, or on a
    /// fresh one when <paramref name="newRecord"/> (as if the controllers opened another file).
    /// </summary>
    public void StartAgain(bool newRecord = false)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("the gateway is already running");
        }

        _process?.Dispose();

        if (newRecord)
        {
            foreach (string file in new[] { DbPath, DbPath + "-wal", DbPath + "-shm" })
            {
                File.Delete(file);
            }
        }

        var args = new List<string>
        {
            "gateway", "--venue", VenuePath, "--exercise", ExercisePath, "--db", DbPath,
            "--urls", $"http://127.0.0.1:{HttpPort}", "--udp-port", UdpPort.ToString(),
        };
        if (Token != null)
        {
            args.AddRange(["--token", Token]);
        }

        // Production: the gateway must serve the wwwroot it ships with, not a development mapping to the sources.
        _process = BeaconsProcess.Start(Directory, args, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        });
    }

    /// <summary>Kills the process outright (no orderly shutdown), as a crash or a pulled plug would.</summary>
    public void Kill() => _process?.Kill();

    public async Task<JsonObject> GetAsync(string path)
    {
        string text = await Http.GetStringAsync(path);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> PostAsync(string path, string? json = null)
    {
        using var content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Http.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Every event of the record, through GET /api/events.</summary>
    public async Task<List<JsonObject>> EventsAsync()
    {
        var all = new List<JsonObject>();
        long after = 0;
        for (;;)
        {
            JsonObject page = await GetAsync($"api/events?after={after}&limit=10000");
            JsonArray events = page["events"]!.AsArray();
            if (events.Count == 0)
            {
                return all;
            }

            foreach (JsonNode? e in events)
            {
                all.Add(e!.AsObject());
            }

            after = (long)all[^1]["id"]!;
        }
    }

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp directory is cleaned up by the system
        }

        return ValueTask.CompletedTask;
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
