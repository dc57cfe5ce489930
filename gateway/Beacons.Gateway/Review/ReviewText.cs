using Beacons.Venue;
using System.Globalization;

namespace Beacons.Gateway.Review;

/// <summary>How the review writes times for people: offsets from T0 as +m:ss, durations in words.</summary>
public static class ReviewText
{
    /// <summary>A zone status as the review prints it; null for unknown.</summary>
    public static string? Status(ZoneStatus? status) => status is ZoneStatus known ? WireNames.Of(known) : null;

    /// <summary>+12:05, +1:02:05, or -0:30 before T0.</summary>
    public static string Offset(long ms)
    {
        string sign = ms < 0 ? "-" : "+";
        long total = Math.Abs(ms) / 1000;
        long h = total / 3600, m = total / 60 % 60, s = total % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{m}:{s:00}");
    }

    /// <summary>45 s, 7 min 30 s, 1 h 02 min.</summary>
    public static string Duration(long ms)
    {
        long total = Math.Max(0, ms) / 1000;
        long h = total / 3600, m = total / 60 % 60, s = total % 60;
        if (h > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{h} h {m:00} min");
        }

        return m > 0
            ? (s > 0 ? string.Create(CultureInfo.InvariantCulture, $"{m} min {s} s") : string.Create(CultureInfo.InvariantCulture, $"{m} min"))
            : string.Create(CultureInfo.InvariantCulture, $"{s} s");
    }

    /// <summary>Minutes with one decimal, as the reference figures are given.</summary>
    public static string Minutes(double minutes) => minutes.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Seconds for the CSV files, to the millisecond.</summary>
    public static string Seconds(long ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Clock(long unixMs, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(long unixMs, TimeZoneInfo zone)
    {
        DateTimeOffset t = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), zone);
        return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC" + t.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    public static string Utc(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
