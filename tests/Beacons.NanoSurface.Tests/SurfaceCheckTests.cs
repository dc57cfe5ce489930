using Beacons.NanoSurface;
using Beacons.NanoSurface.Samples;
using Beacons.Protocol;

namespace Beacons.NanoSurface.Tests;

public class SurfaceCheckTests
{
    private static readonly Lazy<ApiSurface> Surface = new(() => ApiSurface.Load(SurfacePath()));

    [Fact]
    public void RejectsListOfT()
    {
        IReadOnlyList<Violation> violations = Check(typeof(UsesGenerics));
        Assert.Contains(violations, v => v.Kind == "generic type used" && v.What.StartsWith("System.Collections.Generic.List`1<"));
    }

    [Fact]
    public void RejectsLinq()
    {
        IReadOnlyList<Violation> violations = Check(typeof(UsesLinq));
        Assert.Contains(violations, v => v.Kind == "generic method used" && v.What.Contains("System.Linq.Enumerable::Where"));
        Assert.Contains(violations, v => v.Kind == "type not on nanoFramework" && v.What == "System.Linq.Enumerable");
    }

    [Fact]
    public void RejectsMembersAndTypesTheDeviceLacks()
    {
        IReadOnlyList<Violation> violations = Check(typeof(UsesMissingMembers));
        Assert.Contains(violations, v => v.Kind == "member not on nanoFramework" && v.What == "System.String::Format(System.String, System.Object)");
        Assert.Contains(violations, v => v.Kind == "type not on nanoFramework" && v.What == "System.Diagnostics.Stopwatch");
    }

    [Fact]
    public void AcceptsDeviceStyleCodeWithoutFalseAlarms()
    {
        // The samples assembly holds the bad samples too; none of them may be blamed on DeviceSafe's members.
        IReadOnlyList<Violation> violations = Check(typeof(DeviceSafe));
        Assert.DoesNotContain(violations, v => v.What.Contains("ArrayList") || v.What.Contains("Concat") || v.What.Contains("Int32::ToString"));
    }

    [Fact]
    public void PassesOnTheRealDeviceSharedCode()
    {
        IReadOnlyList<Violation> violations = Check(typeof(FrameWriter));
        Assert.True(violations.Count == 0, "device-shared code uses what nanoFramework lacks:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void SurfaceKnowsInheritedMembersAndPropertyAccessors()
    {
        ApiSurface surface = Surface.Value;
        Assert.True(surface.HasMember("System.String", "get_Length", []));
        Assert.True(surface.HasMember("System.String", "get_Chars", ["System.Int32"]));
        Assert.True(surface.HasMember("System.Int32", "TryParse", ["System.String", "System.Int32&"]));
        Assert.True(surface.HasMember("System.ArgumentException", "get_Message", []));
        Assert.False(surface.HasMember("System.String", "Format", ["System.String", "System.Object"]));
        Assert.False(surface.HasType("System.Collections.Generic.List`1"));
    }

    private static IReadOnlyList<Violation> Check(Type sample) =>
        SurfaceCheck.Check(sample.Assembly.Location, Surface.Value, out _);

    /// <summary>The surface file is not copied into the repository: it is read from ../shared beside the clone.</summary>
    private static string SurfacePath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beacons.sln")))
            {
                string path = Path.Combine(dir.FullName, "..", "shared", "nanoframework", "api-surface-1x.txt");
                if (File.Exists(path))
                {
                    return path;
                }

                throw new FileNotFoundException($"the nanoFramework surface must sit beside the clone: {Path.GetFullPath(path)}");
            }
        }

        throw new DirectoryNotFoundException("Beacons.sln not found above " + AppContext.BaseDirectory);
    }
}
