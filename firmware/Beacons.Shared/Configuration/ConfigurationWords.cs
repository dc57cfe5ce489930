namespace Beacons.Configuration
{
    /// <summary>The words configuration values use for kinds, roles and LED types, both ways.</summary>
    public static class ConfigurationWords
    {
        public static string KindName(DeviceKind kind)
        {
            switch (kind)
            {
                case DeviceKind.Badge: return "badge";
                case DeviceKind.Tag: return "tag";
                case DeviceKind.Anchor: return "anchor";
                case DeviceKind.Receiver: return "receiver";
                default: return "none";
            }
        }

        /// <summary>The kind a name means, or <see cref="DeviceKind.None"/>.</summary>
        public static DeviceKind ParseKind(string name)
        {
            switch (name)
            {
                case "badge": return DeviceKind.Badge;
                case "tag": return DeviceKind.Tag;
                case "anchor": return DeviceKind.Anchor;
                case "receiver": return DeviceKind.Receiver;
                default: return DeviceKind.None;
            }
        }

        /// <summary>Role names as the exercise file writes them (contact, rtf-officer, ...).</summary>
        public static string RoleName(Beacons.Protocol.OfficerRole role)
        {
            switch (role)
            {
                case Beacons.Protocol.OfficerRole.Contact: return "contact";
                case Beacons.Protocol.OfficerRole.RtfOfficer: return "rtf-officer";
                case Beacons.Protocol.OfficerRole.RtfMedic: return "rtf-medic";
                case Beacons.Protocol.OfficerRole.Command: return "command";
                case Beacons.Protocol.OfficerRole.Evaluator: return "evaluator";
                default: return "unknown";
            }
        }

        /// <summary>The role a name means, or <see cref="Beacons.Protocol.OfficerRole.Unknown"/>.</summary>
        public static Beacons.Protocol.OfficerRole ParseRole(string name)
        {
            switch (name)
            {
                case "contact": return Beacons.Protocol.OfficerRole.Contact;
                case "rtf-officer": return Beacons.Protocol.OfficerRole.RtfOfficer;
                case "rtf-medic": return Beacons.Protocol.OfficerRole.RtfMedic;
                case "command": return Beacons.Protocol.OfficerRole.Command;
                case "evaluator": return Beacons.Protocol.OfficerRole.Evaluator;
                default: return Beacons.Protocol.OfficerRole.Unknown;
            }
        }

        public static string LedTypeName(LedType type)
        {
            switch (type)
            {
                case LedType.Mono: return "mono";
                case LedType.Rgb: return "rgb";
                default: return "none";
            }
        }

        /// <summary>The LED type a name means; false when the name is not one.</summary>
        public static bool TryParseLedType(string name, ref LedType type)
        {
            switch (name)
            {
                case "none": type = LedType.None; return true;
                case "mono": type = LedType.Mono; return true;
                case "rgb": type = LedType.Rgb; return true;
                default: return false;
            }
        }
    }
}
