using System.Text.Json;
using Beacons.Gateway.Record;

namespace Beacons.Gateway.Review;

/// <summary>The review as JSON: camelCase fields, Unix-millisecond times, null for what never happened.</summary>
public static class ReviewJson
{
    public static readonly JsonSerializerOptions Options = new(EventJson.Options) { WriteIndented = false };

    public static string Serialize(DrillReview review) => JsonSerializer.Serialize(review, Options);

    public static DrillReview? Deserialize(string json) => JsonSerializer.Deserialize<DrillReview>(json, Options);
}
