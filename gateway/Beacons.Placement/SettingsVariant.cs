using System.Globalization;

namespace Beacons.Placement;

/// <summary>
/// A tool's variant of some settings (<c>--posfit-try</c>, <c>--try</c>): <c>"Field=value,Field=value"</c>, numbers in
/// invariant culture, each naming a public field of the settings. A field the settings do not have (removed or
/// misspelt) or a value that is not a number is an <see cref="ArgumentException"/> that quotes it, never ignored.
/// </summary>
public static class SettingsVariant
{
    /// <param name="what">What the settings are, for the error: "a position-fit", "an evidence-estimator".</param>
    public static T Apply<T>(T settings, string spec, string what)
        where T : class
    {
        foreach (string kv in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] p = kv.Split('=');
            var f = typeof(T).GetField(p[0].Trim());
            if (f == null || p.Length != 2 || !double.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                throw new ArgumentException($"not {what} setting: \"{kv}\" (fields of {typeof(T).Name}, Field=number)");
            }

            f.SetValue(settings, Convert.ChangeType(v, f.FieldType, CultureInfo.InvariantCulture));
        }

        return settings;
    }
}
