using System;
using System.Diagnostics;
using System.IO;
using Beacons.Configuration;
using nanoFramework.Runtime.Native;

namespace Beacons.Devices
{
    /// <summary>Reads the configuration file nanoff deployed to the internal storage.</summary>
    public static class ConfigurationFile
    {
        public static ConfigurationResult Load(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return ConfigurationResult.Missing(path);
                }

                return ConfigurationParser.Parse(File.ReadAllText(path));
            }
            catch (Exception e)
            {
                return ConfigurationResult.Unreadable(path, e.Message);
            }
        }

        /// <summary>
        /// The configuration for a device of <paramref name="kind"/>, or null after writing why not to the
        /// debug output: a file meant for another kind of device is as wrong as a broken one. The LED to
        /// show a fault on is the file's when it names one validly, else the board's own (BoardLed).
        /// </summary>
        public static DeviceConfiguration LoadFor(DeviceKind kind, ref int ledPin, ref LedType ledType)
        {
            ConfigurationResult result = Load(DeviceStorage.ConfigurationPath);
            ledPin = result.ErrorLedPin;
            ledType = result.ErrorLedType;
            if (ledPin < 0 || ledType == LedType.None)
            {
                string target = SystemInfo.TargetName;
                ledPin = BoardLed.Pin(kind, target);
                ledType = BoardLed.Type(kind, target);
            }
            if (!result.IsValid)
            {
                Debug.WriteLine("beacons: configuration error: " + result.Error);
                return null;
            }

            if (result.Configuration.Kind != kind)
            {
                Debug.WriteLine("beacons: configuration error: this file is for a " + ConfigurationWords.KindName(result.Configuration.Kind)
                    + ", and this firmware is a " + ConfigurationWords.KindName(kind));
                return null;
            }

            return result.Configuration;
        }
    }
}
