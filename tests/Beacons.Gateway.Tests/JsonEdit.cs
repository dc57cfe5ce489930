using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Beacons.Gateway.Tests;

/// <summary>Applies "$.a[1].b=JSON" to a JSON tree: lets a test state the one field it breaks.</summary>
public static partial class JsonEdit
{
    public static void Apply(JsonObject root, string edit)
    {
        int eq = edit.IndexOf('=');
        string path = edit[..eq];
        JsonNode? value = JsonNode.Parse(edit[(eq + 1)..]);
        List<string> steps = Step().Matches(path[1..]).Select(m => m.Value).ToList();
        JsonNode node = root;
        for (int i = 0; i < steps.Count - 1; i++)
        {
            node = Go(node, steps[i])!;
        }

        string last = steps[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1])] = value;
        }
        else
        {
            node.AsObject()[last[1..]] = value;
        }
    }

    private static JsonNode? Go(JsonNode node, string step) =>
        step.StartsWith('[') ? node.AsArray()[int.Parse(step[1..^1])] : node.AsObject()[step[1..]];

    [GeneratedRegex(@"\.[A-Za-z0-9]+|\[\d+\]")]
    private static partial Regex Step();
}
