namespace Beacons.NanoSurface;

/// <summary>
/// The nanoFramework API as ../shared/nanoframework/api-surface-1x.txt lists it: which types exist,
/// what each derives from, and which members they have, keyed by name and parameter types
/// (return types and assemblies are ignored, as the surface's README says).
/// </summary>
public sealed class ApiSurface
{
    private readonly Dictionary<string, string?> _baseTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    public bool HasType(string type) => _baseTypes.ContainsKey(type);

    /// <summary>True when <paramref name="type"/> or one of its base types declares the member.</summary>
    public bool HasMember(string type, string name, IReadOnlyList<string> parameterTypes)
    {
        string signature = $"{name}({string.Join(",", parameterTypes)})";
        for (string? t = type; t != null; t = _baseTypes.GetValueOrDefault(t))
        {
            if (_members.Contains($"{t}::{signature}"))
            {
                return true;
            }
        }

        return false;
    }

    public static ApiSurface Load(string path)
    {
        var surface = new ApiSurface();
        foreach (string line in File.ReadLines(path))
        {
            string[] parts = line.Split(" | ");
            if (parts.Length != 3)
            {
                continue;
            }

            surface.Add(parts[1].Trim(), parts[2].Trim());
        }

        return surface;
    }

    private void Add(string type, string declaration)
    {
        if (!_baseTypes.ContainsKey(type))
        {
            _baseTypes[type] = type == "System.Object" ? null : "System.Object";
        }

        string[] words = StripModifiers(declaration).Split(' ');
        if (IsTypeDeclaration(words[0]) && (words.Length == 1 || words[1] == ":"))
        {
            _baseTypes[type] = words.Length > 2 ? words[2] : DefaultBase(words[0], type);
            return;
        }

        string rest = StripModifiers(declaration);
        if (rest.StartsWith("ctor(", StringComparison.Ordinal))
        {
            AddMember(type, ".ctor", ParameterTypes(rest[4..]));
        }
        else if (rest.StartsWith("method ", StringComparison.Ordinal))
        {
            string afterReturn = SkipType(rest["method ".Length..]);
            int paren = afterReturn.IndexOf('(');
            AddMember(type, afterReturn[..paren], ParameterTypes(afterReturn[paren..]));
        }
        else if (rest.StartsWith("property ", StringComparison.Ordinal))
        {
            AddProperty(type, rest["property ".Length..]);
        }
        else if (rest.StartsWith("field ", StringComparison.Ordinal))
        {
            AddMember(type, SkipType(rest["field ".Length..]), null);
        }
        else if (rest.StartsWith("event ", StringComparison.Ordinal))
        {
            string handler = rest["event ".Length..].Split(' ')[0];
            string name = SkipType(rest["event ".Length..]);
            AddMember(type, "add_" + name, [handler]);
            AddMember(type, "remove_" + name, [handler]);
        }
        else if (rest.StartsWith("enum ", StringComparison.Ordinal))
        {
            AddMember(type, rest["enum ".Length..].Split(' ')[0], null);
        }
        else if (rest.StartsWith("delegate ", StringComparison.Ordinal))
        {
            // C# makes a delegate with (target, method pointer) and calls it through Invoke.
            int paren = rest.IndexOf('(');
            AddMember(type, ".ctor", ["System.Object", "System.IntPtr"]);
            AddMember(type, "Invoke", ParameterTypes(rest[paren..]));
        }
    }

    private void AddProperty(string type, string declaration)
    {
        string afterType = SkipType(declaration);
        int bracket = afterType.IndexOf('[');
        int brace = afterType.IndexOf('{');
        string name = (bracket >= 0 && bracket < brace ? afterType[..bracket] : afterType[..brace]).Trim();
        List<string> index = bracket >= 0 && bracket < brace
            ? ParameterTypes("(" + afterType[(bracket + 1)..afterType.IndexOf(']')] + ")")
            : [];
        string propertyType = declaration.Split(' ')[0];
        string accessors = afterType[brace..];
        if (accessors.Contains("get;", StringComparison.Ordinal))
        {
            AddMember(type, "get_" + name, index);
        }

        if (accessors.Contains("set;", StringComparison.Ordinal))
        {
            AddMember(type, "set_" + name, [.. index, propertyType]);
        }
    }

    private void AddMember(string type, string name, List<string>? parameterTypes)
    {
        // Fields have no parameter list: they are matched by name alone.
        _members.Add(parameterTypes == null ? $"{type}::{name}" : $"{type}::{name}({string.Join(",", parameterTypes)})");
    }

    public bool HasField(string type, string name)
    {
        for (string? t = type; t != null; t = _baseTypes.GetValueOrDefault(t))
        {
            if (_members.Contains($"{t}::{name}"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTypeDeclaration(string word) => word is "class" or "struct" or "enum" or "interface" or "delegate";

    private static string? DefaultBase(string kind, string type) => kind switch
    {
        "struct" => "System.ValueType",
        "enum" => "System.Enum",
        "delegate" => "System.MulticastDelegate",
        "interface" => null,
        _ => type == "System.Object" ? null : "System.Object",
    };

    private static string StripModifiers(string declaration)
    {
        string rest = declaration;
        foreach (string modifier in new[] { "static ", "const ", "abstract ", "virtual ", "override ", "sealed " })
        {
            while (rest.StartsWith(modifier, StringComparison.Ordinal))
            {
                rest = rest[modifier.Length..];
            }
        }

        return rest;
    }

    /// <summary>Skips one type name (which may hold generic arguments with spaces) and the space after it.</summary>
    private static string SkipType(string text)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
            }
            else if (c == ' ' && depth == 0)
            {
                return text[(i + 1)..];
            }
        }

        return text;
    }

    /// <summary>"(ref System.Byte result, System.Int32 count)" → ["System.Byte&amp;", "System.Int32"].</summary>
    private static List<string> ParameterTypes(string parenthesised)
    {
        string inner = parenthesised.Trim();
        inner = inner[1..inner.LastIndexOf(')')];
        var result = new List<string>();
        if (inner.Length == 0)
        {
            return result;
        }

        foreach (string parameter in SplitTopLevel(inner))
        {
            string p = parameter.Trim();
            bool byRef = false;
            foreach (string prefix in new[] { "ref ", "out ", "in " })
            {
                if (p.StartsWith(prefix, StringComparison.Ordinal))
                {
                    p = p[prefix.Length..];
                    byRef = true;
                }
            }

            if (p.StartsWith("params ", StringComparison.Ordinal))
            {
                p = p["params ".Length..];
            }

            string name = SkipType(p);
            string type = name == p ? p : p[..(p.Length - name.Length - 1)];
            result.Add(byRef ? type + "&" : type);
        }

        return result;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '<')
            {
                depth++;
            }
            else if (text[i] == '>')
            {
                depth--;
            }
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
