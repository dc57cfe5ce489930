using System.Text.Json.Nodes;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beacons.Browser.Tests;

/// <summary>
/// The page's modules as another page (the after-action review) uses them: draw a floor for a chosen moment,
/// state in, SVG out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModuleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_floor_plan_is_drawn_from_the_state_it_is_given_for_any_moment()
    {
        // One officer heard at T, drawn as the plan stood 10 s and 16 s later; and a zone too small for twelve people.
        JsonNode result = await OnThePageAsync("""
            async () => {
              const { drawFloor } = await import('/js/floorplan.js');
              const get = async (path) => (await fetch(path)).json();
              const venue = await get('/api/venue');
              const roster = await get('/api/roster'); // drawn as GET /api/roster sends it, lists as arrays
              const T = 1700000000000;
              const officer101 = roster.officers.find((o) => o.badge === 101);
              Object.assign(officer101, { zone: 2, zoneSinceMs: T, firstHeardMs: T, lastHeardMs: T });
              for (let b = 200; b < 212; b++) {
                roster.officers.push({ ...officer101, badge: b, name: null, agency: null, role: 'unknown', listed: false, zone: 1, firstHeardMs: null, lastHeardMs: null });
              }
              Object.assign(roster.casualties.find((c) => c.tag === 501), { colour: 'yellow', committed: false, colourChangedAtMs: T, zone: 2, zoneSinceMs: T });
              const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
              document.body.append(svg);
              const text = (sel) => svg.querySelector(sel)?.querySelector(':scope > text')?.textContent ?? null;
              drawFloor(svg, venue, 0, roster, { nowMs: T + 10000, width: 900, height: 450 });
              const fresh = text('[data-badge="101"]');
              drawFloor(svg, venue, 0, roster, { nowMs: T + 16000, width: 900, height: 450 });
              const stale = text('[data-badge="101"]');
              const assessing = svg.querySelector('[data-tag="501"]').getAttribute('class');
              const people = () => {
                const zone1 = svg.querySelector('g.zone-content[data-zone="1"]');
                return {
                  chips: [...zone1.querySelectorAll('.officer-group, .officer')].map((g) => g.querySelector(':scope > text').textContent),
                  more: Number(zone1.querySelector('.more')?.getAttribute('data-hidden') ?? 0),
                };
              };
              const roomy = drawFloor(svg, venue, 0, roster, { nowMs: T + 1000, width: 600, height: 300 });
              const grouped = { ...people(), hidden: roomy.hidden.get(1) ?? 0 };
              const tiny = drawFloor(svg, venue, 0, roster, { nowMs: T + 1000, width: 300, height: 150 });
              const cut = { ...people(), hidden: tiny.hidden.get(1) ?? 0 };
              const status = svg.querySelector('g.zone-content[data-zone="1"] .zone-status text').textContent;
              return JSON.stringify({ fresh, stale, assessing, grouped, cut, status });
            }
            """);

        output.WriteLine(result.ToJsonString());
        Assert.Equal("CT Ruiz", (string?)result["fresh"]);
        Assert.Equal("CT Ruiz · stale", (string?)result["stale"]);
        Assert.Contains("assessing", (string?)result["assessing"]);
        Assert.Equal("HOT", (string?)result["status"]);
        // Twelve unlisted badges in a small zone: grouped by role when there is room for the group, and counted
        // in a "+N" when there is not: never dropped silently.
        Assert.Equal(new[] { "12× ?" }, result["grouped"]!["chips"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(0, (int)result["grouped"]!["more"]!);
        Assert.Empty(result["cut"]!["chips"]!.AsArray());
        Assert.Equal(12, (int)result["cut"]!["more"]!);
        Assert.Equal(12, (int)result["cut"]!["hidden"]!);
    }

    [Fact]
    public async Task The_pages_words_are_for_the_gateways_names()
    {
        JsonNode labels = await OnThePageAsync("""
            async () => {
              const l = await import('/js/labels.js');
              const described = Object.keys(l.EVENT_SHOWN).filter((kind) => l.describeEvent({ kind, data: {} }) !== null);
              return JSON.stringify({
                events: Object.keys(l.EVENT_SHOWN), shown: Object.keys(l.EVENT_SHOWN).filter((k) => l.EVENT_SHOWN[k]), described,
                alerts: Object.keys(l.ALERT_WORD), statuses: Object.keys(l.STATUS_WORD),
                triage: l.TRIAGE, triageWords: Object.keys(l.TRIAGE_WORD), triageLetters: Object.keys(l.TRIAGE_LETTER),
                roleWords: Object.keys(l.ROLE_WORD), roleShort: Object.keys(l.ROLE_SHORT),
              });
            }
            """);
        string[] Names(string key) => labels[key]!.AsArray().Select(n => (string)n!).Order().ToArray();
        static string[] Wire<T>() where T : struct, Enum => Enum.GetValues<T>().Select(WireNames.Of).Order().ToArray();

        Assert.Equal(EventKinds.ByName.Keys.Order(), Names("events"));
        Assert.Equal(Names("shown"), Names("described")); // the timeline has a line for each kind it shows, and none for the others
        Assert.Equal(Wire<AlertType>(), Names("alerts"));
        Assert.Equal(Wire<ZoneStatus>(), Names("statuses"));
        foreach (string table in new[] { "triage", "triageWords", "triageLetters" })
        {
            Assert.Equal(Wire<TriageColour>(), Names(table));
        }

        Assert.Equal(Wire<OfficerRole>(), Names("roleWords"));
        Assert.Equal(Wire<OfficerRole>(), Names("roleShort"));
    }

    [Fact]
    public async Task A_refusal_reaches_the_page_as_the_gateways_sentence()
    {
        JsonNode refused = await OnThePageAsync("""
            async () => {
              const { Gateway } = await import('/js/connection.js');
              try {
                await new Gateway().post('/api/clock/stop');
                return JSON.stringify({ status: 200 });
              } catch (e) {
                return JSON.stringify({ status: e.status, message: e.message });
              }
            }
            """);

        Assert.Equal(409, (int)refused["status"]!);
        Assert.Equal("the exercise clock is not running", (string?)refused["message"]); // the problem body's detail
    }

    /// <summary>Runs <paramref name="script"/> (a function returning JSON text) in the dashboard of a fresh gateway.</summary>
    private async Task<JsonNode> OnThePageAsync(string script)
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        return JsonNode.Parse(await page.EvaluateAsync<string>(script))!;
    }
}
