using Microsoft.Data.Sqlite;

namespace Beacons.Gateway.Record;

/// <summary>
/// What went wrong with the record, in the words a controller needs. SQLite's own messages name its
/// internals (a full disk surfaces as "cannot rollback - no transaction is active" once the failed commit
/// has rolled itself back), so the primary result code decides the words.
/// </summary>
public static class StoreFault
{
    // SQLite primary result codes (sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int CantOpen = 14;
    private const int Full = 13;
    private const int NotADatabase = 26;

    public static string Describe(SqliteException e) => (e.SqliteErrorCode & 0xFF) switch
    {
        Full => "the disk is full",
        IoError => "the disk failed to read or write (I/O error)",
        ReadOnly => "the record cannot be written (read-only file or folder)",
        Busy => "the record is locked by another program",
        Corrupt => "the record is damaged",
        NotADatabase => "the file is not a drill record",
        CantOpen => "the file cannot be opened",
        _ => e.Message.Replace("SQLite Error ", "").TrimEnd('.'),
    };

    /// <summary>True when freeing space or the disk coming back can cure it: worth trying again.</summary>
    public static bool MayPass(SqliteException e) => (e.SqliteErrorCode & 0xFF) is Full or IoError or Busy;
}
