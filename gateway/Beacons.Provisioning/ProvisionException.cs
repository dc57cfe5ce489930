namespace Beacons.Provision;

/// <summary>Something the person provisioning must fix; its message is the one line they see.</summary>
public sealed class ProvisionException(string message) : Exception(message);

/// <summary>How both provisioning commands end on a problem the person must fix: its lines on stderr and exit code 1.</summary>
public static class ProvisionFailures
{
    /// <summary>Runs <paramref name="work"/>; every problem of the drill's files, or the one thing to fix, is said after <paramref name="who"/>.</summary>
    public static int Report(string who, TextWriter error, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (Beacons.Venue.ConfigFileException e)
        {
            e.WriteTo(error, who);
            return 1;
        }
        catch (Exception e) when (e is ProvisionException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{who}: {e.Message}");
            return 1;
        }
    }
}
