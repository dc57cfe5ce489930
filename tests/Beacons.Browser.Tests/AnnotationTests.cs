using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>Annotations from the dashboard: an empty one refused at its field, corrected, withdrawn; an evaluator's signed observation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnnotationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_empty_annotation_is_refused_at_its_field_and_an_annotation_is_corrected_then_withdrawn()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();

        await page.Locator("#annotate").ClickAsync();
        await page.Locator("#annotate-save").ClickAsync();
        await Expect(page.Locator("#annotate-error")).ToContainTextAsync("needs a text or a chosen type");
        await Expect(page.Locator("#annotate-dialog")).ToBeVisibleAsync();
        await page.Locator("#annotate-type").SelectOptionAsync("rtf-entering");
        await page.Locator("#annotate-text").FillAsync("RTF entering east wing");
        await page.Locator("#annotate-save").ClickAsync();
        await Expect(page.Locator("#annotate-dialog")).ToBeHiddenAsync();
        ILocator item = page.Locator("#timeline li[data-kind='annotation']");
        await Expect(item).ToContainTextAsync("RTF entering: RTF entering east wing");

        // A new annotation starts with no type chosen, not the previous one.
        await page.Locator("#annotate").ClickAsync();
        await Expect(page.Locator("#annotate-type")).ToHaveValueAsync("");
        await page.Locator("#annotate-dialog button[value='cancel']").ClickAsync();

        await item.Locator("button.tl-edit").ClickAsync();
        await Expect(page.Locator("#annotate-text")).ToHaveValueAsync("RTF entering east wing");
        await page.Locator("#annotate-text").FillAsync("RTF entering west wing");
        await page.Locator("#annotate-save").ClickAsync();
        await Expect(item).ToContainTextAsync("RTF entering: RTF entering west wing (corrected)");
        await Screenshots.AtThreeSizesAsync(page, "annotation-corrected", output);

        await item.Locator("button.tl-edit").ClickAsync();
        await page.Locator("#annotate-withdraw").ClickAsync();
        await Expect(item).ToContainTextAsync("(withdrawn)");
        await Expect(item.Locator("button.tl-edit")).ToHaveCountAsync(0);

        List<JsonObject> events = await drill.Gateway.EventsAsync();
        Assert.Single(events, e => (string?)e["kind"] == "annotation");
        Assert.Equal("RTF entering west wing", (string?)Assert.Single(events, e => (string?)e["kind"] == "annotation-corrected")["data"]!["text"]);
        Assert.Single(events, e => (string?)e["kind"] == "annotation-withdrawn");
    }

    [Fact]
    public async Task An_evaluator_from_the_printed_link_adds_a_signed_observation_and_cannot_change_the_clock()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        Match link = Regex.Match(drill.Gateway.Output, @"evaluator\s+http://\S+/#(token=\S+)");
        Assert.True(link.Success, $"no evaluator link in what the gateway printed:\n{drill.Gateway.Output}");

        IPage page = await drill.OpenAsync(link.Groups[1].Value);
        await Expect(page.Locator("body.evaluator")).ToHaveCountAsync(1);
        await Expect(page.Locator("#start-clock")).ToBeHiddenAsync();
        await Expect(page.Locator("#stop-clock")).ToBeHiddenAsync();
        await Expect(page.Locator("#annotate")).ToHaveTextAsync("Add observation");

        await page.Locator("#annotate").ClickAsync();
        await Expect(page.Locator("#annotate-type-field")).ToBeHiddenAsync();
        await page.Locator("#annotate-by").FillAsync("E. Kim");
        await page.Locator("#annotate-text").FillAsync("Medics held at the door for 2 min");
        await page.Locator("#annotate-save").ClickAsync();
        await Expect(page.Locator("#timeline li[data-kind='annotation']")).ToContainTextAsync("Observation: Medics held at the door for 2 min (E. Kim)");

        // The page offers no clock control; the gateway refuses one anyway, saying why.
        string[] refused = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const r = await fetch('/api/clock/start', { method: 'POST', headers: { Authorization: `Bearer ${sessionStorage.getItem('beacons.token')}` } });
              return [String(r.status), (await r.json()).detail];
            }
            """);
        Assert.Equal("403", refused[0]);
        Assert.Contains("controller token", refused[1]);
        await Screenshots.AtThreeSizesAsync(page, "evaluator", output);

        List<JsonObject> events = await drill.Gateway.EventsAsync();
        JsonObject observation = Assert.Single(events, e => (string?)e["kind"] == "annotation");
        Assert.Equal(("observation", "E. Kim"), ((string?)observation["data"]!["type"], (string?)observation["data"]!["by"]));
        Assert.DoesNotContain(events, e => (string?)e["kind"] == "clock-started");
    }

    [Fact]
    public async Task An_evaluator_ties_an_observation_to_one_of_the_exercises_objectives()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        drill.Gateway.Kill();
        JsonNode exercise = JsonNode.Parse(File.ReadAllText(drill.Gateway.ExercisePath))!;
        exercise["objectives"] = JsonNode.Parse(
            """
            [{ "name": "Rapid entry", "capability": "On-scene Security, Protection, and Law Enforcement",
               "measures": [{ "measure": "first-entry", "role": "rtf", "zoneStatus": "warm", "withinMs": 600000 }] }]
            """);
        File.WriteAllText(drill.Gateway.ExercisePath, exercise.ToJsonString());
        drill.Gateway.StartAgain();
        Match link = Regex.Match(drill.Gateway.Output, @"evaluator\s+http://\S+/#(token=\S+)");
        Assert.True(link.Success, $"no evaluator link in what the gateway printed:\n{drill.Gateway.Output}");

        IPage page = await drill.OpenAsync(link.Groups[1].Value);
        await page.Locator("#annotate").ClickAsync();
        await Expect(page.Locator("#annotate-objective-field")).ToBeVisibleAsync();
        await page.Locator("#annotate-by").FillAsync("E. Kim");
        await page.Locator("#annotate-objective").SelectOptionAsync("Rapid entry");
        await page.Locator("#annotate-text").FillAsync("Entry team waited for cover");
        await Screenshots.AtThreeSizesAsync(page, "evaluator-objective", output);
        await page.Locator("#annotate-save").ClickAsync();
        await Expect(page.Locator("#annotate-dialog")).ToBeHiddenAsync();

        JsonObject events = await drill.Gateway.GetAsync("api/events");
        JsonNode observation = events["events"]!.AsArray().Last(e => (string?)e!["kind"] == "annotation")!["data"]!;
        Assert.Equal("Rapid entry", (string?)observation["objective"]);
        Assert.Equal("E. Kim", (string?)observation["by"]);
    }
}
