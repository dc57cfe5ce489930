using System.Collections.Frozen;

namespace Beacons.Gateway.Record;

/// <summary>The names event kinds have in the record, the API and the stream.</summary>
public static class EventKinds
{
    public static readonly FrozenDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ExerciseOpened)] = "exercise-opened",
        [typeof(ClockStarted)] = "clock-started",
        [typeof(ClockStopped)] = "clock-stopped",
        [typeof(ClockJumped)] = "clock-jumped",
        [typeof(ZoneStatusSet)] = "zone-status-set",
        [typeof(Annotation)] = "annotation",
        [typeof(AnnotationCorrected)] = "annotation-corrected",
        [typeof(AnnotationWithdrawn)] = "annotation-withdrawn",
        [typeof(OfficerSeen)] = "officer-seen",
        [typeof(OfficerZoneChanged)] = "officer-zone-changed",
        [typeof(Emergency)] = "emergency",
        [typeof(CasualtySeen)] = "casualty-seen",
        [typeof(TagChanged)] = "tag-changed",
        [typeof(CasualtyZoneChanged)] = "casualty-zone-changed",
        [typeof(Presence)] = "presence",
        [typeof(ReceiverHeartbeat)] = "receiver-heartbeat",
        [typeof(AlertRaised)] = "alert-raised",
        [typeof(AlertCleared)] = "alert-cleared",
        [typeof(AlertAcknowledged)] = "alert-acknowledged",
        [typeof(ReceiverOffsetsApplied)] = "receiver-offsets",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<string, Type> ByName = ByType.ToFrozenDictionary(p => p.Value, p => p.Key);

    public static string Of(EventBody body) => ByType[body.GetType()];
}
