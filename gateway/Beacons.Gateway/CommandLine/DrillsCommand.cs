using System.CommandLine;
using System.Globalization;
using Beacons.Gateway.Drills;
using Beacons.Gateway.Review;

namespace Beacons.Gateway.CommandLine;

/// <summary>`beacons drills`: the drill records in the data folder, newest first. docs/gateway.md describes the folder.</summary>
public static class DrillsCommand
{
    public static Command Create()
    {
        var command = new Command("drills", "List the drill records in the data folder (exercise, venue, start, length, size); other commands take a drill by its name.");
        command.SetAction(_ => Run(Console.Out));
        return command;
    }

    public static int Run(TextWriter output)
    {
        string folder = DataFolder.Drills;
        IReadOnlyList<DrillRecord> drills = DrillRecords.In(folder);
        output.WriteLine($"beacons drills: {drills.Count} in {folder}");
        if (drills.Count == 0)
        {
            return 0;
        }

        string[][] rows = drills.Select(Row).Prepend(["drill", "exercise", "venue", "start", "length", "size"]).ToArray();
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return 0;
    }

    private static string[] Row(DrillRecord d)
    {
        if (d.Problem != null)
        {
            return [d.Name, $"unreadable: {d.Problem}", "", "", "", Size(d.SizeBytes)];
        }

        return
        [
            d.Name,
            d.ExerciseId == null ? "-" : $"{d.ExerciseId} {d.ExerciseName}",
            d.VenueName ?? "-",
            d.Start?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
            d.Length == null ? "-" : ReviewText.Duration((long)d.Length.Value.TotalMilliseconds),
            Size(d.SizeBytes),
        ];
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{Math.Max(1, bytes / 1024)} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };
}
