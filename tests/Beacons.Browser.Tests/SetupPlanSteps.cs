using Microsoft.Playwright;

namespace Beacons.Browser.Tests;

/// <summary>The Plan step as a person does it in the whole-flow test: upload a plan, set the scale, draw three zones, place a receiver.</summary>
public static class SetupPlanSteps
{
    public static Task DrawAsync(IPage page, string folder) => throw new NotImplementedException("the plan editor's steps");
}
