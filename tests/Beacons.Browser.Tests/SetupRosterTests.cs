using System.IO.Compression;
using System.Text.RegularExpressions;
using Beacons.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// The Setup page's Roster and Devices steps and its start (docs/setup.md): a roster from a spreadsheet edited in
/// a table, every bad input said at its row or field with nothing on the page lost and nothing saved; the
/// provisioning download; the handover to the live gateway, whose readiness board fills as the devices come on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SetupRosterTests(ITestOutputHelper output)
{
    private const string Officers = """
        Name,Agency,Role,Badge ID
        "Ruiz, Ana",Metro PD,Contact,101
        Ben Lee,Metro PD,RTF officer,102
        Cam Diaz,County EMS,RTF medic,103
        """;

    // One floor, three zones (the car park is the CCP, outside), one receiver: what the Plan step saves.
    private const string Venue = """
        { "name": "Test school",
          "floors": [ { "id": 0, "name": "Ground", "width": 60, "height": 30 } ],
          "zones": [
            { "id": 1, "name": "Corridor", "floor": 0, "outline": [[0,0],[20,0],[20,10],[0,10]], "status": "hot" },
            { "id": 2, "name": "Library", "floor": 0, "outline": [[20,0],[40,0],[40,10],[20,10]], "status": "warm" },
            { "id": 3, "name": "Car park", "floor": 0, "outline": [[40,0],[60,0],[60,30],[40,30]], "status": "cold", "ccp": true, "outside": true } ],
          "receivers": [ { "id": 1, "name": "R1", "zone": 1, "position": [5, 5] } ] }
        """;

    [Fact]
    public async Task Bad_sheets_and_cells_are_refused_where_they_are_and_the_table_and_file_stay()
    {
        using SetupHost setup = SetupHost.Start(folder => File.WriteAllText(Path.Combine(folder, "venue.json"), Venue));
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await setup.OpenAsync(browser);
        string exercise = Path.Combine(setup.Folder, "exercise.json");

        await page.FillAsync("#exercise-id", "42");
        await page.FillAsync("#exercise-name", "Spring drill");
        await page.SetInputFilesAsync("#officers-csv", Csv("officers.csv", Officers));
        await Expect(page.Locator("#officers-table tbody tr[data-row]")).ToHaveCountAsync(3);

        // A sheet without the role column: said at the import, the table keeps the three officers.
        await page.SetInputFilesAsync("#officers-csv", Csv("new.csv", "Name,Agency,Badge ID\nDee Okafor,Metro PD,104\n"));
        await Expect(page.Locator("#import-problems")).ToContainTextAsync("new.csv, row 1: missing column \"role\"");
        await Expect(page.Locator("#officers-table tbody tr[data-row]")).ToHaveCountAsync(3);

        // A duplicated badge in a sheet names both rows.
        await page.SetInputFilesAsync("#officers-csv", Csv("dup.csv", "Name,Role,Badge ID\nA,contact,7\nB,contact,7\n"));
        await Expect(page.Locator("#import-problems")).ToContainTextAsync("dup.csv, row 3: duplicate badge ID 7 (row 2 has it too)");

        // In the table: a duplicated badge, an ID out of range; each said under its own row, nothing saved.
        await page.ClickAsync("#add-officer");
        ILocator added = page.Locator("#officers-table tbody tr[data-row='3']");
        await added.Locator("[data-field=badge]").FillAsync("101");
        await added.Locator("[data-field=name]").FillAsync("Dee Okafor");
        await added.Locator("[data-field=role]").SelectOptionAsync("command");
        await page.Locator("#officers-table tbody tr[data-row='1'] [data-field=badge]").FillAsync("70000");
        await page.FillAsync("#tag-count", "3");
        await page.ClickAsync("#make-tags");
        await Expect(page.Locator("#tags-table tbody tr[data-row]")).ToHaveCountAsync(3);
        await page.ClickAsync("#roster-save");
        await Expect(page.Locator("#roster-state")).ToHaveTextAsync("Not saved: see the problems marked in red.");
        await Expect(page.Locator("#officers-table tr.row-error")).ToHaveCountAsync(2);
        await Expect(page.Locator("#officers-table tr[data-row='1'] + tr.row-error")).ToContainTextAsync("badge ID:");
        await Expect(page.Locator("#officers-table tr[data-row='3'] + tr.row-error")).ToContainTextAsync("badge ID: duplicate badge ID 101");
        await Expect(page.Locator("#officers-table tr[data-row='3'] [data-field=badge]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#officers-table tr[data-row='3'] [data-field=name]")).ToHaveValueAsync("Dee Okafor");
        Assert.False(File.Exists(exercise));

        // An exercise ID out of range: at its field.
        await page.Locator("#officers-table tbody tr[data-row='1'] [data-field=badge]").FillAsync("102");
        await added.Locator("[data-field=badge]").FillAsync("104");
        await page.FillAsync("#exercise-id", "70000");
        await page.ClickAsync("#roster-save");
        await Expect(page.Locator("#exercise-id-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#exercise-id")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#officers-table tr.row-error")).ToHaveCountAsync(0);
        Assert.False(File.Exists(exercise));

        // Fixed: saved, every key made by the gateway and none on the page.
        await page.FillAsync("#exercise-id", "42");
        await page.Locator("#officers-table tbody tr[data-row='0'] button.danger").ClickAsync();
        await page.ClickAsync("#roster-save");
        await Expect(page.Locator("#roster-state")).ToHaveTextAsync("Saved: 3 officers, 3 tags. The gateway made the keys.");
        string saved = File.ReadAllText(exercise);
        Assert.Contains("\"Dee Okafor\"", saved);
        Assert.DoesNotContain("Ruiz", saved);
        string html = await page.ContentAsync();
        foreach (Match key in Regex.Matches(saved, "\"key\": \"([0-9a-f]{32})\""))
        {
            Assert.DoesNotContain(key.Groups[1].Value, html, StringComparison.OrdinalIgnoreCase);
        }

        await Expect(page.Locator("#devices-counts")).ToContainTextAsync("3 badges, 3 tags, 0 anchors, 1 receiver");
    }

    /// <summary>The whole flow: an empty folder and a plan image, to a running drill whose readiness board fills.</summary>
    [Fact]
    public async Task From_an_empty_folder_and_a_plan_image_to_a_running_drill_whose_readiness_board_fills()
    {
        using SetupHost setup = SetupHost.Start();
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await setup.OpenAsync(browser);
        await Expect(page.Locator("#devices-todo")).ToContainTextAsync("draw the plan");

        // The plan: uploaded, scaled, three zones drawn (the car park the CCP, outside), a receiver placed, saved.
        await page.FillAsync("#venue-name", "Northside High");
        await SetupPlanSteps.UploadAndScaleAsync(page);
        await SetupPlanSteps.ZoneAsync(page, "Corridor", (0, 0), (20, 0), (20, 10), (0, 10));
        await SetupPlanSteps.ZoneAsync(page, "Library", (20, 0), (40, 0), (40, 10), (20, 10));
        await SetupPlanSteps.ZoneAsync(page, "Car park", (40, 10), (60, 10), (60, 30), (40, 30));
        await page.CheckAsync("#zone-ccp");
        await page.CheckAsync("#zone-outside");
        await page.SelectOptionAsync("#zone-status", "cold");
        await SetupPlanSteps.ReceiverAsync(page, 10, 5);
        await page.ClickAsync("#save-venue");
        await Expect(page.Locator("#save-state")).ToContainTextAsync("Saved venue.json");
        await Expect(page.Locator("#devices-todo")).ToContainTextAsync("no roster yet");

        // The roster from a spreadsheet, and three tags by their number.
        await page.FillAsync("#exercise-id", "42");
        await page.FillAsync("#exercise-name", "Spring drill");
        await page.SetInputFilesAsync("#officers-csv", Csv("officers.csv", Officers));
        await Expect(page.Locator("#officers-table tbody tr[data-row]")).ToHaveCountAsync(3);
        await page.FillAsync("#tag-count", "3");
        await page.ClickAsync("#make-tags");
        await page.ClickAsync("#roster-save");
        await Expect(page.Locator("#roster-state")).ToContainTextAsync("Saved: 3 officers, 3 tags");

        // The provisioning download: every device's files, the flash scripts and the label sheet.
        await Expect(page.Locator("#devices-counts")).ToContainTextAsync("3 badges, 3 tags, 0 anchors, 1 receiver");
        await page.FillAsync("#wifi-ssid", "Drill Net");
        await page.FillAsync("#wifi-password", "drill pass 1");
        await page.FillAsync("#gateway-address", "192.168.4.10");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#bundle-download"));
        Assert.Equal("devices-exercise-42.zip", download.SuggestedFilename);
        string zipPath = Path.Combine(setup.Folder, "..", "devices.zip");
        await download.SaveAsAsync(zipPath);
        using (ZipArchive zip = ZipFile.OpenRead(zipPath))
        {
            string[] devices = ["badge-101", "badge-102", "badge-103", "tag-501", "tag-502", "tag-503", "receiver-1"];
            Assert.Equal(
                devices.SelectMany(d => new[] { $"{d}.conf", $"{d}.deploy.json" }).Concat(["devices.csv", "flash.sh", "flash.ps1", "labels.html"]).Order(),
                zip.Entries.Select(e => e.FullName).Order());
            using var receiver = new StreamReader(zip.GetEntry("receiver-1.conf")!.Open());
            string conf = receiver.ReadToEnd();
            Assert.Contains("wifi.ssid=Drill Net", conf);
            Assert.Contains("wifi.password=drill pass 1", conf);
            Assert.Contains("gateway.address=192.168.4.10", conf);
            using var labels = new StreamReader(zip.GetEntry("labels.html")!.Open());
            Assert.Equal(6, Regex.Matches(labels.ReadToEnd(), "<div class=\"label\" ").Count);
        }

        IPage sheet = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#labels-link"));
        await Expect(sheet.Locator(".label[data-device='badge-101'] .who")).ToHaveTextAsync("Ruiz, Ana");
        await sheet.CloseAsync();

        // Start: the same address becomes the dashboard, whose readiness board waits for the devices.
        await page.ClickAsync("#start-drill");
        await page.WaitForURLAsync(new Regex("/(index.html)?(#.*)?$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#readiness-count")).ToHaveTextAsync("Ready 0 of 7");
        int udpPort = setup.WaitForUdpPort();

        // The simulator switches on every device of the folder's files: the board fills.
        using BeaconsProcess simulator = BeaconsProcess.Start(Path.GetDirectoryName(setup.Folder)!,
            ["simulate", "--venue", Path.Combine(setup.Folder, "venue.json"), "--exercise", Path.Combine(setup.Folder, "exercise.json"), "--udp-port", udpPort.ToString()]);
        await Expect(page.Locator("#readiness-count")).Not.ToHaveTextAsync("Ready 0 of 7", new() { Timeout = 30_000 });
        await Expect(page.Locator("#readiness-count.all-ready")).ToHaveTextAsync("Ready 7 of 7", new() { Timeout = 60_000 });
        output.WriteLine(setup.Output);
        output.WriteLine(simulator.Output);
    }

    [Fact]
    public async Task With_a_token_the_download_and_the_labels_carry_it_and_the_dashboard_keeps_it_after_the_start()
    {
        using SetupHost setup = SetupHost.Start(folder => Beacons.Gateway.Tests.TestDrill.WriteFiles(folder), token: "drill-token-1");
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await browser.Context.NewPageAsync();
        await page.GotoAsync(setup.BaseUri + "#token=drill-token-1");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#officers-table tbody tr[data-row]")).ToHaveCountAsync(4);

        await page.FillAsync("#wifi-ssid", "Drill Net");
        await page.FillAsync("#gateway-address", "192.168.4.10");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#bundle-download"));
        Assert.Equal("devices-exercise-42.zip", download.SuggestedFilename);
        IPage sheet = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#labels-link"));
        await Expect(sheet.Locator(".label")).ToHaveCountAsync(7);

        await page.ClickAsync("#start-drill");
        await page.WaitForURLAsync(new Regex("/(index.html)?(#.*)?$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("#readiness-count")).ToHaveTextAsync("Ready 0 of 12");
        await Expect(page.Locator("#token-dialog[open]")).ToHaveCountAsync(0);
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };
}
