namespace Beacons.Venue;

/// <summary>One thing wrong in a venue or exercise file: which file, where in it (a JSON path such as $.zones[2].id), and what.</summary>
public sealed record ConfigError(string File, string Path, string Problem)
{
    public override string ToString() => $"{File}: {Path}: {Problem}";
}

/// <summary>
/// A venue or exercise file that cannot be used. <see cref="Errors"/> lists every problem found;
/// the message is the first of them on one line, for a controller's terminal.
/// </summary>
public sealed class ConfigFileException : Exception
{
    public ConfigFileException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>
    /// Every problem on a line of its own, each after <paramref name="who"/> (e.g. "beacons gateway"): a
    /// controller fixes the file in one pass instead of one round per problem.
    /// </summary>
    public void WriteTo(TextWriter writer, string who)
    {
        foreach (ConfigError error in Errors)
        {
            writer.WriteLine($"{who}: {error}");
        }
    }

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more problems)";
}
