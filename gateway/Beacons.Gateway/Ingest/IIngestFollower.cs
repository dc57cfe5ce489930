using Beacons.Protocol;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// Follows ingest on the pipeline's own thread: every reading of a badge or tag by a venue receiver, as zone
/// placement takes it (before any receiver offset), time passing, and the exercise clock starting. The calibration
/// walk records with it (<see cref="Serving.SurveyWalk"/>); it must be quick and must not throw.
/// </summary>
public interface IIngestFollower
{
    void Reading(FrameKind kind, int id, int receiverId, int rssi, long heardAtMs);

    void Tick(long nowMs);

    /// <summary>The controller starts the exercise clock now (T0); called just before clock-started is emitted.</summary>
    void ClockStarting(DrillPipeline pipeline, long nowMs);
}
