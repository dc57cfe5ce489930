using System.Xml;
using System.Xml.Linq;

namespace Beacons.DeviceBuild;

/// <summary>
/// What the C# compiler needs from a nanoFramework project file: its sources, the assemblies it names and its
/// output kind. Reads the XML as MSBuild would for these items only; the nanoFramework project system's own
/// imports are absent on a host and are skipped, as their Exists conditions skip them in MSBuild.
/// </summary>
public sealed class NfProject
{
    public required string Path { get; init; }
    public required string Name { get; init; }
    public required string AssemblyName { get; init; }
    public required string OutputType { get; init; }
    public string? LangVersion { get; init; }
    public required IReadOnlyList<string> SourceFiles { get; init; }
    public required IReadOnlyList<NamedReference> References { get; init; }

    /// <summary>What could not be read as MSBuild would read it; each one fails the check.</summary>
    public required IReadOnlyList<ProjectProblem> Problems { get; init; }

    public static NfProject Load(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        var reader = new Reader(System.IO.Path.GetDirectoryName(fullPath)!);
        reader.Read(fullPath);
        string name = System.IO.Path.GetFileNameWithoutExtension(fullPath);
        return new NfProject
        {
            Path = fullPath,
            Name = name,
            AssemblyName = reader.Property("AssemblyName") ?? name,
            OutputType = reader.Property("OutputType") ?? "Library",
            LangVersion = reader.Property("LangVersion"),
            SourceFiles = reader.Sources,
            References = reader.References,
            Problems = reader.Problems,
        };
    }

    private sealed class Reader(string projectDirectory)
    {
        private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Sources { get; } = [];
        public List<NamedReference> References { get; } = [];
        public List<ProjectProblem> Problems { get; } = [];

        public string? Property(string name) => _properties.GetValueOrDefault(name);

        public void Read(string file)
        {
            XDocument document = XDocument.Load(file, LoadOptions.SetLineInfo);
            foreach (XElement element in document.Root!.Elements())
            {
                switch (element.Name.LocalName)
                {
                    case "PropertyGroup":
                        foreach (XElement property in element.Elements())
                        {
                            // Unconditional values only: the ones the compiler needs (AssemblyName, OutputType, LangVersion) are never conditional in our projects.
                            if (property.Attribute("Condition") == null)
                            {
                                _properties[property.Name.LocalName] = property.Value.Trim();
                            }
                        }

                        break;
                    case "ItemGroup":
                        foreach (XElement item in element.Elements())
                        {
                            ReadItem(file, element, item);
                        }

                        break;
                    case "Import":
                        ReadImport(file, element);
                        break;
                }
            }
        }

        private void ReadItem(string file, XElement group, XElement item)
        {
            string kind = item.Name.LocalName;
            if (kind != "Compile" && kind != "Reference")
            {
                return;
            }

            if (group.Attribute("Condition") != null || item.Attribute("Condition") != null)
            {
                Problem(file, item, $"a conditional {kind} item is not supported by this check");
                return;
            }

            if (kind == "Reference")
            {
                // "mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=..." names the assembly mscorlib.
                string include = (string?)item.Attribute("Include") ?? "";
                (int line, int column) = Position(item);
                References.Add(new NamedReference(include.Split(',')[0].Trim(), file, line, column));
                return;
            }

            // Link metadata only names the file in Solution Explorer; Include is what gets compiled.
            string? includes = (string?)item.Attribute("Include");
            string? removes = (string?)item.Attribute("Remove");
            if (includes != null)
            {
                List<string> excluded = [.. Paths(file, item, (string?)item.Attribute("Exclude")).SelectMany(ItemPattern.Expand)];
                foreach (string pattern in Paths(file, item, includes))
                {
                    IReadOnlyList<string> files = ItemPattern.Expand(pattern);
                    if (files.Count == 0 && !ItemPattern.HasWildcard(pattern))
                    {
                        Problem(file, item, $"source file not found: {pattern}");
                    }

                    Sources.AddRange(files.Where(f => !excluded.Contains(f) && !Sources.Contains(f)));
                }
            }
            else if (removes != null)
            {
                List<string> removed = [.. Paths(file, item, removes).SelectMany(ItemPattern.Expand)];
                Sources.RemoveAll(removed.Contains);
            }
        }

        private void ReadImport(string file, XElement import)
        {
            string? project = Substitute(file, (string?)import.Attribute("Project"));
            bool conditional = import.Attribute("Condition") != null;
            string? path = project == null ? null : System.IO.Path.GetFullPath(project, System.IO.Path.GetDirectoryName(file)!);
            if (path != null && File.Exists(path))
            {
                Read(path);
            }
            else if (!conditional)
            {
                Problem(file, import, $"import not found: {(string?)import.Attribute("Project")}");
            }
        }

        /// <summary>The full paths (patterns) a semicolon list names, relative to the project as MSBuild takes them.</summary>
        private List<string> Paths(string file, XElement item, string? list)
        {
            var paths = new List<string>();
            foreach (string part in (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string? resolved = Substitute(file, part);
                if (resolved == null)
                {
                    Problem(file, item, $"cannot resolve the property in '{part}'");
                    continue;
                }

                paths.Add(System.IO.Path.GetFullPath(resolved, projectDirectory));
            }

            return paths;
        }

        /// <summary>Replaces the properties MSBuild knows for a file; null when another one is left.</summary>
        private string? Substitute(string file, string? text)
        {
            if (text == null)
            {
                return null;
            }

            string directory = System.IO.Path.GetDirectoryName(file)! + "/";
            text = text
                .Replace("$(MSBuildThisFileDirectory)", directory, StringComparison.OrdinalIgnoreCase)
                .Replace("$(MSBuildProjectDirectory)", projectDirectory, StringComparison.OrdinalIgnoreCase)
                .Replace('\\', '/');
            return text.Contains("$(") ? null : text;
        }

        private void Problem(string file, XElement element, string message)
        {
            (int line, int column) = Position(element);
            Problems.Add(new ProjectProblem(file, line, column, message));
        }
    }

    internal static (int Line, int Column) Position(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);
}

/// <summary>An assembly a project names in a Reference item, and where.</summary>
public sealed record NamedReference(string Name, string File, int Line, int Column);

/// <summary>Something in a project file that keeps it from being compiled as Visual Studio would.</summary>
public sealed record ProjectProblem(string File, int Line, int Column, string Message);
