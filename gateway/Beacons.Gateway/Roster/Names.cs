using Beacons.Protocol;

namespace Beacons.Gateway.Roster;

/// <summary>Triage colours as the record, the API and the stream spell them.</summary>
public static class Names
{
    public static string Colour(TriageColour colour) => colour switch
    {
        TriageColour.Green => "green",
        TriageColour.Yellow => "yellow",
        TriageColour.Red => "red",
        TriageColour.Black => "black",
        _ => "untagged",
    };

    public static TriageColour ParseColour(string text) => text switch
    {
        "green" => TriageColour.Green,
        "yellow" => TriageColour.Yellow,
        "red" => TriageColour.Red,
        "black" => TriageColour.Black,
        _ => TriageColour.Untagged,
    };
}
