namespace Beacons.Gateway.Roster;

/// <summary>
/// What an alert is about. The record, the API and the stream spell it through
/// <see cref="Beacons.Venue.WireNames"/> ("officer-silent"); the dashboard's labels.js words each one.
/// </summary>
public enum AlertType
{
    /// <summary>A badge's emergency button is on.</summary>
    Emergency,

    /// <summary>An officer heard before has been silent for the officer-silent time.</summary>
    OfficerSilent,

    /// <summary>An rtf-medic is in a hot zone.</summary>
    MedicInHotZone,

    /// <summary>A red casualty is not at the CCP the red-to-CCP time after tagging.</summary>
    RedNotAtCcp,

    LowBattery,

    /// <summary>A receiver heard before has been silent for the receiver-silent time.</summary>
    ReceiverSilent,
}
