using Microsoft.Playwright;

namespace Beacons.Browser.Tests;

/// <summary>The Plan step as a person does it in the whole-flow test: upload a plan, set the scale, draw three zones, place a receiver.</summary>
public static class SetupPlanSteps
{
    // TEMPORARY until the plan editor lands: the venue the drawing would save.
    public static async Task DrawAsync(IPage page, string folder)
    {
        File.WriteAllText(Path.Combine(folder, "venue.json"), """
            { "name": "Test school",
              "floors": [ { "id": 0, "name": "Ground", "width": 60, "height": 30 } ],
              "zones": [
                { "id": 1, "name": "Corridor", "floor": 0, "outline": [[0,0],[20,0],[20,10],[0,10]], "status": "hot" },
                { "id": 2, "name": "Library", "floor": 0, "outline": [[20,0],[40,0],[40,10],[20,10]], "status": "warm" },
                { "id": 3, "name": "Car park", "floor": 0, "outline": [[40,0],[60,0],[60,30],[40,30]], "status": "cold", "ccp": true, "outside": true } ],
              "receivers": [ { "id": 1, "name": "R1", "zone": 1, "position": [5, 5] } ] }
            """);
        await page.EvaluateAsync("() => document.dispatchEvent(new CustomEvent('venue-saved'))");
    }
}
