using System;
using System.Diagnostics;
using System.IO;
using Beacons.Protocol;
using Beacons.Triage;

namespace Beacons.TagApp
{
    /// <summary>
    /// Keeps the tag's committed colour in a file (format: Beacons.Triage.TagRecord) so a reboot does
    /// not turn a tagged casualty back into an untagged one. Written only on a commit: rare, so flash
    /// wear is no concern.
    /// </summary>
    public sealed class TagStateFile
    {
        public const string DefaultPath = "I:\\tag-state.bin";

        private readonly string _path;
        private readonly ushort _exerciseId;
        private readonly ushort _deviceId;
        private TriageColour _savedColour = TriageColour.Untagged;
        private byte _savedChanges;

        public TagStateFile(string path, ushort exerciseId, ushort deviceId)
        {
            _path = path;
            _exerciseId = exerciseId;
            _deviceId = deviceId;
        }

        public void RestoreInto(TriageTag tag, long nowMs)
        {
            try
            {
                if (!File.Exists(_path))
                {
                    return;
                }

                TriageColour colour;
                byte changes;
                if (TagRecord.TryDecode(File.ReadAllBytes(_path), _exerciseId, _deviceId, out colour, out changes))
                {
                    _savedColour = colour;
                    _savedChanges = changes;
                    tag.Restore(colour, changes, nowMs);
                }
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: tag state unreadable: " + e.Message);
            }
        }

        public void SaveIfChanged(TriageTag tag)
        {
            if (tag.Committed == TriageColour.Untagged || (tag.Committed == _savedColour && tag.Changes == _savedChanges))
            {
                return;
            }

            try
            {
                File.WriteAllBytes(_path, TagRecord.Encode(_exerciseId, _deviceId, tag.Committed, tag.Changes));
                _savedColour = tag.Committed;
                _savedChanges = tag.Changes;
            }
            catch (Exception e)
            {
                // The tag works on; only a reboot would forget the colour.
                Debug.WriteLine("beacons: tag state not saved: " + e.Message);
            }
        }
    }
}
