using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Beacons.DeviceBuild;

/// <summary>What compiling one device application gave: its error lines and how many warnings.</summary>
public sealed record BuildReport(string Name, int Files, int References, IReadOnlyList<string> Errors, int Warnings)
{
    public override string ToString() =>
        $"{Name}: {Files} files, {References} references, {Errors.Count} errors, {Warnings} warnings";
}

/// <summary>
/// Compiles a device application as Visual Studio would: its own sources, only the assemblies it names
/// (taken from the reference folder by assembly name), no standard library and no implicit references.
/// </summary>
public static class DeviceCompiler
{
    public static BuildReport Build(NfProject project, string refsDirectory)
    {
        var errors = new List<string>();
        foreach (ProjectProblem problem in project.Problems)
        {
            errors.Add(Line(problem.File, problem.Line, problem.Column, "DEVBUILD", problem.Message));
        }

        var references = new List<MetadataReference>();
        foreach (NamedReference reference in project.References)
        {
            string dll = Path.Combine(refsDirectory, reference.Name + ".dll");
            if (File.Exists(dll))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
            else
            {
                errors.Add(Line(reference.File, reference.Line, reference.Column, "DEVBUILD",
                    $"reference '{reference.Name}' is not in the reference assemblies: {Path.GetFullPath(dll)}"));
            }
        }

        (CSharpParseOptions? parseOptions, CSharpCompilationOptions? options, string? optionError) = Options(project);
        if (optionError != null)
        {
            errors.Add(Line(project.Path, 0, 0, "DEVBUILD", optionError));
            return new BuildReport(project.Name, project.SourceFiles.Count, project.References.Count, errors, 0);
        }

        var trees = project.SourceFiles
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file, Encoding.UTF8), parseOptions, file))
            .ToList();
        CSharpCompilation compilation = CSharpCompilation.Create(project.AssemblyName, trees, references, options);

        // Emitting (to memory) reports what only code generation finds, e.g. a missing Main.
        using var output = new MemoryStream();
        IReadOnlyList<Diagnostic> diagnostics = compilation.Emit(output).Diagnostics;
        foreach (Diagnostic d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            string file = span.Path.Length > 0 ? span.Path : project.Path;
            errors.Add(Line(file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id, d.GetMessage()));
        }

        int warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        return new BuildReport(project.Name, project.SourceFiles.Count, project.References.Count, errors, warnings);
    }

    /// <summary>The compiler options the project asks for; null and an error when it asks for what a device app cannot be.</summary>
    private static (CSharpParseOptions? Parse, CSharpCompilationOptions? Compile, string? Error) Options(NfProject project)
    {
        // No LangVersion in the project means the compiler's default, as with the nanoFramework project system.
        LanguageVersion version = LanguageVersion.Default;
        if (project.LangVersion != null && !LanguageVersionFacts.TryParse(project.LangVersion, out version))
        {
            return (null, null, $"unknown LangVersion '{project.LangVersion}'");
        }

        OutputKind? kind = project.OutputType switch
        {
            "Exe" => OutputKind.ConsoleApplication,
            "Library" => OutputKind.DynamicallyLinkedLibrary,
            _ => null,
        };
        if (kind == null)
        {
            return (null, null, $"unknown OutputType '{project.OutputType}' (a device application is Exe or Library)");
        }

        return (new CSharpParseOptions(version), new CSharpCompilationOptions(kind.Value), null);
    }

    private static string Line(string file, int line, int column, string id, string message) =>
        $"{Path.GetRelativePath(Environment.CurrentDirectory, file)}({line},{column}): {id} {message}";
}
