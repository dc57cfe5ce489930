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

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more problems)";
}
