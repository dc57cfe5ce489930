using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Beacons.Configuration;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Setup;
using Beacons.Protocol;
using Beacons.Provision;
using Beacons.Venue;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The Setup page's Roster and Devices steps (docs/setup.md, docs/gateway-api.md "Setup"): the roster read,
/// imported from spreadsheets and saved into exercise.json through <see cref="RosterImport"/>, which makes every
/// key; and the provisioning download `beacons provision` writes. No answer ever carries a key, except the
/// download, which is the devices' configuration.
/// </summary>
public static class SetupRosterApi
{
    /// <summary>The Wi-Fi password for the download rides in a header: in the query it would land in logs and history.</summary>
    public const string WifiPasswordHeader = "X-Beacons-Wifi-Password";

    private const string Roster = "roster"; // the file name problems of the page's table name

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="udpPort">The live gateway's UDP port (`beacons setup --udp-port`), the receivers' default; 0 when it is picked at the start.</param>
    public static void Map(RouteGroupBuilder api, SetupFolder folder, IngestCounters counters, int udpPort)
    {
        int defaultPort = udpPort is > 0 and <= 65535 ? udpPort : Site.DefaultGatewayPort;

        api.MapGet("/roster", () => Results.Json(RosterView(folder)));

        api.MapPost("/roster/import", async (HttpRequest request) =>
        {
            ImportRequest? body = await ReadJson<ImportRequest>(request);
            if (body == null)
            {
                return Refuse(counters, StatusCodes.Status400BadRequest, "the body must be JSON: {\"officers\": {\"file\", \"text\"}, \"tags\": {...}, \"tagCount\": N}", []);
            }

            return Import(body, counters);
        });

        api.MapPut("/roster", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            return SaveRoster(folder, await reader.ReadToEndAsync(), counters);
        });

        api.MapGet("/devices", () => Results.Json(DevicesView(folder, defaultPort)));

        api.MapGet("/bundle", (HttpRequest request, string? wifiSsid, string? gateway, string? gatewayPort, bool? locate, string[]? board) =>
        {
            string password = request.Headers[WifiPasswordHeader].ToString();
            // Typed by a person: anything but a whole number is said at its field, as 0 is.
            int port = Blank(gatewayPort) is string typed ? int.TryParse(typed, out int n) ? n : 0 : defaultPort;
            return Bundle(folder, new Site(Blank(wifiSsid), password, Blank(gateway), port), board ?? [], locate ?? false, counters);
        });

        api.MapGet("/labels", () => Labels(folder, counters));

        // The handover (docs/setup.md, "Start"): the files load as `beacons gateway` loads them, then `beacons setup`
        // stops this host and runs the live gateway on the same addresses and token.
        api.MapPost("/start", (SetupHandover handover) =>
        {
            try
            {
                SetupRosterFiles.Load(folder, save: true);
            }
            catch (SetupNotReadyException e)
            {
                return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, e.Problems, e.Message);
            }

            handover.Request();
            return Results.Json(new { dashboard = "/" }, statusCode: StatusCodes.Status202Accepted);
        });
    }

    /// <summary>A refusal in the Setup API's shape: a problem body whose <c>problems</c> list each file's problems by path.</summary>
    private static IResult Refuse(IngestCounters counters, int status, string detail, IEnumerable<ConfigError> problems, string? todo = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["problems"] = problems.Select(p => new { file = p.File, path = p.Path, problem = p.Problem }).ToArray(),
        };
        if (todo != null)
        {
            extensions["todo"] = todo;
        }

        return Problems.Answer(counters, status == StatusCodes.Status400BadRequest ? Counter.ApiMalformed : Counter.ApiRejected, status, detail, extensions);
    }

    private static object RosterView(SetupFolder folder)
    {
        Exercise? exercise = null;
        IReadOnlyList<ConfigError> problems = [];
        try
        {
            exercise = folder.HasExercise ? ExerciseFile.Load(folder.ExercisePath) : null;
        }
        catch (ConfigFileException e)
        {
            problems = e.Errors;
        }

        return new
        {
            exercise = exercise == null ? null : new { exerciseId = exercise.ExerciseId, name = exercise.Name },
            officers = Officers(exercise?.Officers ?? []),
            tags = Tags(exercise?.Tags ?? []),
            roles = Enum.GetValues<OfficerRole>().Where(r => r != OfficerRole.Unknown).Select(WireNames.Of).ToArray(),
            problems = problems.Select(p => new { file = p.File, path = p.Path, problem = p.Problem }).ToArray(),
        };
    }

    private static IResult Import(ImportRequest body, IngestCounters counters)
    {
        var problems = new List<ConfigError>();
        IReadOnlyList<Officer>? officers = null;
        IReadOnlyList<CasualtyTag>? tags = null;
        try
        {
            officers = body.Officers == null ? null : RosterSheet.Officers(body.Officers.Text ?? "", FileName(body.Officers, "officers.csv"));
        }
        catch (ConfigFileException e)
        {
            problems.AddRange(e.Errors);
        }

        try
        {
            tags = body.Tags == null ? null : RosterSheet.Tags(body.Tags.Text ?? "", FileName(body.Tags, "tags.csv"));
        }
        catch (ConfigFileException e)
        {
            problems.AddRange(e.Errors);
        }

        if (body.TagCount is int count)
        {
            if (count is < 0 or > 1000)
            {
                problems.Add(new ConfigError(Roster, "$.tagCount", $"the number of tags must be from 0 to 1000, not {count}"));
            }
            else
            {
                tags = RosterSheet.Numbered(count);
            }
        }

        if (problems.Count > 0)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, $"{problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more problems)" : "")}; nothing was imported", problems);
        }

        return Results.Json(new { officers = officers == null ? null : Officers(officers), tags = tags == null ? null : Tags(tags) });
    }

    private static IResult SaveRoster(SetupFolder folder, string body, IngestCounters counters)
    {
        Exercise table;
        try
        {
            // The table has the exercise file's shape without keys, so its problems come with the file's paths
            // ($.officers[3].badge) and the page shows each at its cell. Keys sent along are ignored.
            table = ExerciseFile.ParseWithoutKeys(body, Roster);
        }
        catch (ConfigFileException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, $"{e.Message}; nothing was saved", e.Errors);
        }

        if (table.ExerciseId == 0)
        {
            // The file takes 0, but `beacons roster --id` and the page ask for 1..65535: one rule for a person.
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, "the exercise ID must be from 1 to 65535; nothing was saved",
                [new ConfigError(Roster, "$.exerciseId", "the exercise ID must be a whole number from 1 to 65535, not 0")]);
        }

        Exercise? existing;
        try
        {
            existing = folder.HasExercise ? ExerciseFile.Load(folder.ExercisePath) : null;
        }
        catch (ConfigFileException e)
        {
            // Saving over it would lose its keys: devices already provisioned would no longer be heard.
            return Refuse(counters, StatusCodes.Status409Conflict, $"{SetupFolder.ExerciseFileName} in the folder does not load, and saving would replace its keys: fix it or remove it; nothing was saved", e.Errors);
        }

        Beacons.Venue.Venue? venue = null;
        try
        {
            venue = folder.HasVenue ? VenueFile.Load(folder.VenuePath) : null;
        }
        catch (ConfigFileException)
        {
            // The Plan step shows the venue's problems; its receivers get keys once it loads.
        }

        Exercise exercise = RosterImport.Into(existing, table.ExerciseId, table.Name, venue, table.Officers, table.Tags);
        try
        {
            RosterImport.Save(exercise, venue, folder.ExercisePath);
        }
        catch (ConfigFileException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, $"{e.Message}; nothing was saved", e.Errors);
        }

        return Results.Json(RosterView(folder));
    }

    private static object DevicesView(SetupFolder folder, int gatewayPort)
    {
        try
        {
            (Beacons.Venue.Venue venue, Exercise exercise) = SetupRosterFiles.Load(folder, save: false);
            return new
            {
                ready = true,
                todo = (string?)null,
                problems = Array.Empty<object>(),
                exercise = new { exerciseId = exercise.ExerciseId, name = exercise.Name },
                badges = exercise.Officers.Count,
                tags = exercise.Tags.Count,
                anchors = venue.Anchors.Count(a => a.IBeacon == null),
                receivers = venue.Receivers.Count,
                addresses = LaptopAddresses(),
                gatewayPort,
                boards = Board.All.Select(b => b.Name).ToArray(),
            };
        }
        catch (SetupNotReadyException e)
        {
            return new
            {
                ready = false,
                todo = e.Message,
                problems = e.Problems.Select(p => new { file = p.File, path = p.Path, problem = p.Problem }).ToArray(),
            };
        }
    }

    private static IResult Bundle(SetupFolder folder, Site site, string[] boards, bool locate, IngestCounters counters)
    {
        try
        {
            (_, Exercise exercise) = SetupRosterFiles.Load(folder, save: true);
            var problems = new List<ConfigError>();
            if (exercise.Receivers.Count > 0 && site.WifiSsid == null)
            {
                problems.Add(new ConfigError("devices", "wifiSsid", "the receivers join the site's Wi-Fi: give its name"));
            }

            if (exercise.Receivers.Count > 0 && !IsIPv4(site.GatewayAddress))
            {
                problems.Add(new ConfigError("devices", "gateway", $"the receivers send to this laptop: give its IPv4 address on that Wi-Fi, like 192.168.4.10{(site.GatewayAddress == null ? "" : $", not \"{site.GatewayAddress}\"")}"));
            }

            if (site.GatewayPort is < 1 or > 65535)
            {
                problems.Add(new ConfigError("devices", "gatewayPort", "the gateway's UDP port must be a whole number from 1 to 65535"));
            }

            if (problems.Count > 0)
            {
                return Refuse(counters, StatusCodes.Status422UnprocessableEntity, $"{problems[0].Problem}; no download was made", problems);
            }

            ProvisionedDrill drill = new ProvisionRequest(folder.ExercisePath, folder.VenuePath, site, boards, null, locate).Load();
            byte[] zip = Deployment.Zip(drill.Files, drill.Title, null);
            return Results.File(zip, "application/zip", $"devices-exercise-{exercise.ExerciseId}.zip");
        }
        catch (SetupNotReadyException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, e.Problems, e.Message);
        }
        catch (ConfigFileException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, e.Errors);
        }
        catch (ProvisionException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, []);
        }
    }

    private static IResult Labels(SetupFolder folder, IngestCounters counters)
    {
        try
        {
            (Beacons.Venue.Venue venue, Exercise exercise) = SetupRosterFiles.Load(folder, save: false);
            // Stickers are for badges and tags only: the receivers' Wi-Fi is not needed for them.
            IReadOnlyList<DeviceFile> files = DeviceFiles.For(exercise with { Receivers = [] }, venue, new Site(null, "", null, Site.DefaultGatewayPort), Board.Choose([]), locate: false);
            return Results.Content(LabelSheet.Html(files, new ProvisionedDrill(venue, exercise, files).Title), "text/html; charset=utf-8");
        }
        catch (SetupNotReadyException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, e.Problems, e.Message);
        }
        catch (ProvisionException e)
        {
            return Refuse(counters, StatusCodes.Status422UnprocessableEntity, e.Message, []);
        }
    }

    private static object[] Officers(IEnumerable<Officer> officers) =>
        officers.Select(o => (object)new { badge = o.Badge, name = o.Name, agency = o.Agency, role = WireNames.Of(o.Role) }).ToArray();

    private static object[] Tags(IEnumerable<CasualtyTag> tags) => tags.Select(t => (object)new { tag = t.Tag, label = t.Label }).ToArray();

    private static string FileName(CsvUpload upload, string fallback) =>
        string.IsNullOrWhiteSpace(upload.File) ? fallback : Path.GetFileName(upload.File.Trim());

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsIPv4(string? text) =>
        text != null && text.Split('.').Length == 4 && IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>This laptop's IPv4 addresses, for the page to offer as the gateway address the receivers send to.</summary>
    private static string[] LaptopAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address))
                .Select(a => a.Address.ToString())
                .Distinct()
                .ToArray();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static async Task<T?> ReadJson<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CsvUpload(string? File, string? Text);

    private sealed record ImportRequest(CsvUpload? Officers, CsvUpload? Tags, int? TagCount);
}
