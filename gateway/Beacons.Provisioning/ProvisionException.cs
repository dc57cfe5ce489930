namespace Beacons.Provision;

/// <summary>Something the person provisioning must fix; its message is the one line they see.</summary>
public sealed class ProvisionException(string message) : Exception(message);
