namespace Beacons.Configuration
{
    /// <summary>
    /// What reading a configuration gave: either a complete <see cref="Configuration"/> or an
    /// <see cref="Error"/> for people, never both. A device that gets an error shows the error LED
    /// pattern and does nothing else.
    /// </summary>
    public sealed class ConfigurationResult
    {
        private ConfigurationResult(DeviceConfiguration configuration, string error, int line, string key, int ledPin, LedType ledType)
        {
            Configuration = configuration;
            Error = error;
            Line = line;
            Key = key;
            ErrorLedPin = ledPin;
            ErrorLedType = ledType;
        }

        /// <summary>The configuration, or null when there is an error.</summary>
        public DeviceConfiguration Configuration { get; }

        /// <summary>One line saying where and what is wrong ("line 7: 'zone' must be ..."), or null.</summary>
        public string Error { get; }

        /// <summary>The line the error is on (1-based), or 0 when it is not on a line (a missing key, an empty file).</summary>
        public int Line { get; }

        /// <summary>The key the error is about, or null.</summary>
        public string Key { get; }

        /// <summary>
        /// The LED to show the error on, when the file named one validly (-1 otherwise): the rest of the
        /// file may be wrong, but the device can still signal that it is.
        /// </summary>
        public int ErrorLedPin { get; }

        public LedType ErrorLedType { get; }

        public bool IsValid
        {
            get { return Configuration != null; }
        }

        /// <summary>The result for a device that has no configuration file at <paramref name="path"/>.</summary>
        public static ConfigurationResult Missing(string path)
        {
            return new ConfigurationResult(null, "no configuration file at " + path + "; deploy one with nanoff --filedeployment (docs/provisioning.md)", 0, null, -1, LedType.None);
        }

        /// <summary>The result for a configuration file that exists but could not be read.</summary>
        public static ConfigurationResult Unreadable(string path, string reason)
        {
            return new ConfigurationResult(null, "cannot read " + path + ": " + reason, 0, null, -1, LedType.None);
        }

        internal static ConfigurationResult Valid(DeviceConfiguration configuration)
        {
            return new ConfigurationResult(configuration, null, 0, null, configuration.LedPin, configuration.LedType);
        }

        internal static ConfigurationResult Failed(string error, int line, string key, int ledPin, LedType ledType)
        {
            return new ConfigurationResult(null, error, line, key, ledPin, ledType);
        }
    }
}
