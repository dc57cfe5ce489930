using System.Text;
using System.Text.RegularExpressions;

namespace Beacons.DeviceBuild;

/// <summary>MSBuild item wildcards: '*' and '?' within one folder, '**' across folders.</summary>
public static class ItemPattern
{
    public static bool HasWildcard(string path) => path.IndexOfAny(['*', '?']) >= 0;

    /// <summary>The files a full path names: itself if it exists, or every file its wildcards match, sorted.</summary>
    public static IReadOnlyList<string> Expand(string fullPath)
    {
        if (!HasWildcard(fullPath))
        {
            return File.Exists(fullPath) ? [fullPath] : [];
        }

        // Search from the deepest folder before the first wildcard.
        int firstWildcard = fullPath.IndexOfAny(['*', '?']);
        string root = fullPath[..(fullPath.LastIndexOf('/', firstWildcard) + 1)];
        if (!Directory.Exists(root))
        {
            return [];
        }

        Regex regex = ToRegex(fullPath);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern.AsSpan(i).StartsWith("**/"))
            {
                regex.Append("(?:.*/)?");
                i += 2;
            }
            else if (pattern.AsSpan(i).StartsWith("**"))
            {
                regex.Append(".*");
                i += 1;
            }
            else if (pattern[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else if (pattern[i] == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(pattern[i].ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString());
    }
}
