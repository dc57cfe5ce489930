using Beacons.DeviceBuild;

// beacons device-build check: compiles every .nfproj it is given (or finds under a folder) against the
// nanoFramework reference assemblies; exits 1 when any of them has an error.
string? refs = null;
var targets = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--refs" && i + 1 < args.Length)
    {
        refs = args[++i];
    }
    else if (args[i].StartsWith('-'))
    {
        Console.Error.WriteLine($"device-build: unknown argument '{args[i]}'");
        return 2;
    }
    else
    {
        targets.Add(args[i]);
    }
}

if (refs == null || targets.Count == 0)
{
    Console.Error.WriteLine("usage: Beacons.DeviceBuild --refs ../shared/nanoframework/refs firmware [more .nfproj files or folders]");
    return 2;
}

if (!Directory.Exists(refs))
{
    Console.Error.WriteLine($"device-build: no reference assemblies at {Path.GetFullPath(refs)} (../shared must sit beside the clone)");
    return 2;
}

var projects = new List<string>();
foreach (string target in targets)
{
    if (Directory.Exists(target))
    {
        projects.AddRange(Directory.EnumerateFiles(target, "*.nfproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }
    else if (File.Exists(target))
    {
        projects.Add(target);
    }
    else
    {
        Console.Error.WriteLine($"device-build: no such file or folder: {target}");
        return 2;
    }
}

if (projects.Count == 0)
{
    Console.Error.WriteLine("device-build: no .nfproj found");
    return 2;
}

int errors = 0;
foreach (string path in projects)
{
    BuildReport report = DeviceCompiler.Build(NfProject.Load(path), refs);
    foreach (string error in report.Errors)
    {
        Console.WriteLine(error);
    }

    Console.WriteLine(report);
    errors += report.Errors.Count;
}

Console.WriteLine($"device-build: {projects.Count} projects, {errors} errors");
return errors == 0 ? 0 : 1;
