using Beacons.NanoSurface;

// beacons nano-surface check: fails when device-shared code uses what the device does not have.
string? surfacePath = null;
var assemblies = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--surface" when i + 1 < args.Length:
            surfacePath = args[++i];
            break;
        case "--assembly" when i + 1 < args.Length:
            assemblies.Add(args[++i]);
            break;
        default:
            Console.Error.WriteLine($"nano-surface: unknown argument '{args[i]}'");
            return 2;
    }
}

if (surfacePath == null || assemblies.Count == 0)
{
    Console.Error.WriteLine("usage: Beacons.NanoSurface --surface api-surface-1x.txt --assembly Beacons.Shared.dll [--assembly ...]");
    return 2;
}

foreach (string path in assemblies.Append(surfacePath))
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"nano-surface: no such file: {path}");
        return 2;
    }
}

ApiSurface surface = ApiSurface.Load(surfacePath);
int failures = 0;
foreach (string assembly in assemblies)
{
    IReadOnlyList<Violation> violations;
    int checkedCount;
    try
    {
        violations = SurfaceCheck.Check(assembly, surface, out checkedCount);
    }
    catch (BadImageFormatException)
    {
        Console.Error.WriteLine($"nano-surface: not a .NET assembly: {assembly}");
        return 2;
    }

    foreach (Violation v in violations)
    {
        Console.WriteLine($"{Path.GetFileName(assembly)}: {v}");
    }

    Console.WriteLine($"{Path.GetFileName(assembly)}: {checkedCount} references checked against the nanoFramework surface, {violations.Count} violations");
    failures += violations.Count;
}

return failures == 0 ? 0 : 1;
