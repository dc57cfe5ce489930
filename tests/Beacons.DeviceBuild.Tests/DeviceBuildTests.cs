namespace Beacons.DeviceBuild.Tests;

/// <summary>The device-build check on the sample device apps in tests/Beacons.DeviceBuild.Samples.</summary>
public class DeviceBuildTests
{
    [Fact]
    public void CompilesACleanDeviceAppWithItsSharedItems()
    {
        BuildReport report = Build("Clean");
        Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors));

        // Program.cs, and through the projitems' ** wildcard Greeting.cs and Parts/Parts.cs; Excluded/ stays out.
        Assert.Equal(3, report.Files);
        Assert.Equal(2, report.References);
    }

    [Fact]
    public void FailsOnAMemberTheLibraryDoesNotHave()
    {
        BuildReport report = Build("MissingMember");
        string error = Assert.Single(report.Errors);
        Assert.Matches(@"MissingMember/Program\.cs\(13,21\): CS1061 .*'Pause'", error);
    }

    [Fact]
    public void ReportsANamedReferenceMissingFromTheReferenceAssemblies()
    {
        BuildReport report = Build("MissingReference");
        string error = Assert.Single(report.Errors);
        Assert.Matches(@"MissingReference\.nfproj\(21,6\): DEVBUILD reference 'nanoFramework\.NotInRefs' is not in the reference assemblies", error);
    }

    [Fact]
    public void ReferencesOnlyWhatTheProjectNames()
    {
        // System.Device.Gpio.dll is in the reference folder, but the project names only mscorlib.
        BuildReport report = Build("UnnamedReference");
        Assert.Contains(report.Errors, e => e.Contains("CS0246") && e.Contains("GpioController"));
    }

    [Fact]
    public void CommandExitsNonZeroOnAnyErrorAndPrintsOneLinePerProject()
    {
        var output = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        int clean, failing;
        try
        {
            clean = Run("--refs", RefsDirectory(), SamplePath("Clean"));
            failing = Run("--refs", RefsDirectory(), SamplePath("Clean"), SamplePath("MissingMember"));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, clean);
        Assert.Equal(1, failing);
        Assert.Contains("Clean: 3 files, 2 references, 0 errors, 0 warnings", output.ToString());
        Assert.Contains("MissingMember: 1 files, 2 references, 1 errors, 0 warnings", output.ToString());
    }

    private static int Run(params string[] args) =>
        (int)typeof(DeviceCompiler).Assembly.EntryPoint!.Invoke(null, [args])!;

    private static BuildReport Build(string sample) =>
        DeviceCompiler.Build(NfProject.Load(SamplePath(sample)), RefsDirectory());

    private static string SamplePath(string sample) =>
        Path.Combine(RepoRoot(), "tests", "Beacons.DeviceBuild.Samples", sample, sample + ".nfproj");

    /// <summary>The reference assemblies are not copied into the repository: they are read from ../shared beside the clone.</summary>
    private static string RefsDirectory()
    {
        string refs = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "nanoframework", "refs"));
        if (!File.Exists(Path.Combine(refs, "mscorlib.dll")))
        {
            throw new DirectoryNotFoundException($"these tests need the nanoFramework reference assemblies beside the clone, at {refs} (CI always has ../shared)");
        }

        return refs;
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beacons.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Beacons.sln not found above " + AppContext.BaseDirectory);
    }
}
