using Beacons.Protocol;

namespace Beacons.Evaluation.Feed;

/// <summary>One verified advert report as the gateway would take it: who heard whom, how strongly, when, and what the frame said.</summary>
public readonly record struct Report(
    int ReceiverId,
    byte ReceiverZone,
    ushort DeviceId,
    FrameKind Kind,
    int Rssi,
    long HeardAtMs,
    long ArrivedAtMs,
    uint Counter,
    TriageColour Colour,
    bool Committed);
