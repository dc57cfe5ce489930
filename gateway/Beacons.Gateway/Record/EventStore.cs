using Microsoft.Data.Sqlite;

namespace Beacons.Gateway.Record;

/// <summary>An event as stored: its body already JSON, ready for the API and the stream.</summary>
public sealed record StoredEvent(long Id, long AtMs, string Kind, string Data)
{
    public string Json => EventJson.Wrap(Id, AtMs, Kind, Data);

    public static StoredEvent Of(DrillEvent e) => new(e.Id, e.AtMs, e.Kind, EventJson.BodyToJson(e.Body));
}

/// <summary>
/// The highest receiver sequence or device counter accepted so far, kept in the record with the events it
/// led to (the guard table), so nothing accepted before a restart is accepted again after it.
/// </summary>
public readonly record struct Watermark(WatermarkOf Of, int Id, long Value);

public enum WatermarkOf
{
    ReceiverSequence = 1,
    BadgeCounter = 2,
    TagCounter = 3,
    AnchorCounter = 4,
}

/// <summary>Raw input kept when raw recording is on: a receiver datagram or an HCI packet, as received.</summary>
public sealed record RawInput(long AtMs, RawSource Source, byte[] Bytes);

public enum RawSource
{
    Udp = 1,
    Hci = 2,
}

/// <summary>
/// The drill record in SQLite: append-only events with rising IDs, and optionally the raw input.
/// WAL journal, synchronous=NORMAL: a committed transaction is in the WAL file before the commit returns,
/// so it survives the gateway being killed at any instant; an OS crash or power cut can lose what was
/// committed since the last checkpoint, which a background thread runs every second (it syncs the WAL
/// to disk without ever blocking the writer). Full sync on every commit would cost every event an fsync
/// of latency on a laptop disk. One writer: an OS lock on the database file itself keeps a second gateway
/// off it, whatever path it comes by. Reads open their own connection, so the API can read while the writer
/// appends, and a read-only store (the review of a live drill) reads beside a running gateway.
/// </summary>
public sealed class EventStore : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly FileStream? _lock;
    private readonly SqliteCommand? _insertEvent;
    private readonly SqliteCommand? _insertRaw;
    private readonly SqliteCommand? _raiseWatermark;
    private readonly Timer? _checkpoints;
    private readonly object _checkpointGate = new();
    private bool _disposed;

    static EventStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    private EventStore(string path, FileStream? lockFile)
    {
        Path = path;
        _lock = lockFile;
        SqliteOpenMode mode = lockFile == null ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        if (lockFile == null)
        {
            CheckSchema(Scalar("SELECT value FROM meta WHERE key = 'schema'") as string);
            return;
        }

        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA wal_autocheckpoint=0;"); // the checkpoint thread does it, off the writer's path
        Execute("PRAGMA journal_size_limit=67108864;"); // once checkpointed, the WAL file shrinks back to 64 MB at most
        Execute("PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, source INTEGER NOT NULL, bytes BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS guard (source INTEGER NOT NULL, id INTEGER NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (source, id));
            """);
        string? version = Scalar("SELECT value FROM meta WHERE key = 'schema'") as string;
        if (version == null)
        {
            Execute($"INSERT INTO meta (key, value) VALUES ('schema', '{SchemaVersion}')");
        }

        CheckSchema(version);

        _insertEvent = _writer.CreateCommand();
        _insertEvent.CommandText = "INSERT INTO events (id, at, kind, data) VALUES ($id, $at, $kind, $data)";
        _insertEvent.Parameters.Add("$id", SqliteType.Integer);
        _insertEvent.Parameters.Add("$at", SqliteType.Integer);
        _insertEvent.Parameters.Add("$kind", SqliteType.Text);
        _insertEvent.Parameters.Add("$data", SqliteType.Text);
        _insertRaw = _writer.CreateCommand();
        _insertRaw.CommandText = "INSERT INTO raw (at, source, bytes) VALUES ($at, $source, $bytes)";
        _insertRaw.Parameters.Add("$at", SqliteType.Integer);
        _insertRaw.Parameters.Add("$source", SqliteType.Integer);
        _insertRaw.Parameters.Add("$bytes", SqliteType.Blob);
        _raiseWatermark = _writer.CreateCommand();
        _raiseWatermark.CommandText = "INSERT INTO guard (source, id, value) VALUES ($source, $id, $value) ON CONFLICT (source, id) DO UPDATE SET value = MAX(value, excluded.value)";
        _raiseWatermark.Parameters.Add("$source", SqliteType.Integer);
        _raiseWatermark.Parameters.Add("$id", SqliteType.Integer);
        _raiseWatermark.Parameters.Add("$value", SqliteType.Integer);
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointIntervalMs, CheckpointIntervalMs);
    }

    public const int CheckpointIntervalMs = 1000;

    public string Path { get; }

    /// <summary>Opens (creating if needed) the record at <paramref name="path"/> to write; a <see cref="StoreException"/> says in one line why not.</summary>
    public static EventStore Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        FileStream lockFile = LockRecord(path, full);
        try
        {
            return new EventStore(full, lockFile);
        }
        catch (SqliteException e)
        {
            lockFile.Dispose();
            throw new StoreException($"cannot open the record {path}: {StoreFault.Describe(e)}");
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing record only to read it, even while a gateway writes it (the review of a live drill):
    /// no lock is taken and nothing is written. <see cref="Append"/> then throws.
    /// </summary>
    public static EventStore OpenReadOnly(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new StoreException($"{path}: no such file");
        }

        try
        {
            return new EventStore(full, null);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"cannot open the record {path}: {StoreFault.Describe(e)}");
        }
    }

    /// <summary>
    /// Locks the database file itself, not a name beside it: the lock belongs to the file whatever path reaches
    /// it (a symlink, a hard link), and there is no side file to delete. On Linux and macOS this is flock on the
    /// open file, which SQLite's own fcntl locks neither see nor release; Windows refuses a second opener by
    /// locking one byte far past anything SQLite reads or locks, because FileShare.None there would keep SQLite
    /// itself out.
    /// </summary>
    private static FileStream LockRecord(string path, string full)
    {
        try
        {
            string? directory = System.IO.Path.GetDirectoryName(full);
            if (directory != null && !Directory.Exists(directory))
            {
                throw new StoreException($"cannot open the record {path}: no such directory");
            }

            if (!OperatingSystem.IsWindows())
            {
                return new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }

            var file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                file.Lock(WindowsLockOffset, 1);
                return file;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new StoreException($"the record {path} is in use by another gateway");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new StoreException($"cannot open the record {path}: {e.Message}");
        }
    }

    // Past SQLite's lock bytes (which start at 1 GiB) and past any record this gateway could write.
    private const long WindowsLockOffset = long.MaxValue - 1;

    private void CheckSchema(string? version)
    {
        if (version != null && version != SchemaVersion.ToString())
        {
            throw new StoreException($"{Path} was written by another version of the gateway (record schema {version}, this one reads {SchemaVersion})");
        }
    }

    /// <summary>The venue the record was made with (the venue file format, as `GET /api/venue`), or null for a record written before the record kept it.</summary>
    public string? VenueJson => ReadMeta("venue");

    /// <summary>The exercise the record was made with, without its keys (as `GET /api/exercise`), or null for a record written before the record kept it.</summary>
    public string? ExerciseJson => ReadMeta("exercise");

    /// <summary>The folder the venue file was in when the record was made (its floors' plan images are there), or null when not known.</summary>
    public string? VenueFolder => ReadMeta("venue-folder");

    /// <summary>
    /// Keeps the drill's venue and exercise (never its keys) in the record, so the review can be made from the
    /// record alone, and the venue file's folder, where the printed report finds the plan images. Written once: a
    /// record reopened with other files keeps the first ones (the gateway refuses another exercise ID before calling
    /// this). Its own connection: the writer may be appending on another thread.
    /// </summary>
    public void KeepDrillFiles(string venueJson, string exerciseJson, string? venueFolder = null)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        var kept = new List<(string, string)> { ("venue", venueJson), ("exercise", exerciseJson) };
        if (venueFolder != null)
        {
            kept.Add(("venue-folder", venueFolder));
        }

        foreach ((string key, string value) in kept)
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ($key, $value)";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public long LastEventId => (long)(Scalar("SELECT COALESCE(MAX(id), 0) FROM events") ?? 0L);

    /// <summary>
    /// Appends in one transaction, with the watermarks of the input that led to the events (so a restart never
    /// accepts that input again); returns once it is committed to disk.
    /// </summary>
    public void Append(IReadOnlyList<StoredEvent> events, IReadOnlyList<RawInput>? raw, IReadOnlyList<Watermark>? watermarks = null)
    {
        if (_insertEvent == null || _insertRaw == null || _raiseWatermark == null)
        {
            throw new InvalidOperationException("a read-only record cannot be appended to");
        }

        SqliteTransaction transaction = _writer.BeginTransaction();
        try
        {
            _insertEvent.Transaction = transaction;
            _insertRaw.Transaction = transaction;
            _raiseWatermark.Transaction = transaction;
            foreach (StoredEvent e in events)
            {
                _insertEvent.Parameters[0].Value = e.Id;
                _insertEvent.Parameters[1].Value = e.AtMs;
                _insertEvent.Parameters[2].Value = e.Kind;
                _insertEvent.Parameters[3].Value = e.Data;
                _insertEvent.ExecuteNonQuery();
            }

            if (raw != null)
            {
                foreach (RawInput r in raw)
                {
                    _insertRaw.Parameters[0].Value = r.AtMs;
                    _insertRaw.Parameters[1].Value = (int)r.Source;
                    _insertRaw.Parameters[2].Value = r.Bytes;
                    _insertRaw.ExecuteNonQuery();
                }
            }

            foreach (Watermark w in watermarks ?? [])
            {
                _raiseWatermark.Parameters[0].Value = (int)w.Of;
                _raiseWatermark.Parameters[1].Value = w.Id;
                _raiseWatermark.Parameters[2].Value = w.Value;
                _raiseWatermark.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException)
        {
            // A commit that failed for want of space has already rolled itself back; the rollback's own
            // error ("no transaction is active") would hide the cause.
            QuietlyRollBack(transaction);
            throw;
        }
        finally
        {
            QuietlyDispose(transaction);
        }
    }

    private static void QuietlyRollBack(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (SqliteException)
        {
        }
    }

    private static void QuietlyDispose(SqliteTransaction transaction)
    {
        try
        {
            transaction.Dispose();
        }
        catch (SqliteException)
        {
        }
    }

    /// <summary>Events with an ID over <paramref name="afterId"/>, oldest first. Safe from any thread.</summary>
    public List<StoredEvent> Read(long afterId, int limit)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, kind, data FROM events WHERE id > $after ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<StoredEvent>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }

        return result;
    }

    /// <summary>Every event, as bodies, for the rebuild at start; a <see cref="StoreException"/> for one this build cannot read.</summary>
    public IEnumerable<DrillEvent> ReadAll()
    {
        long after = 0;
        while (true)
        {
            List<StoredEvent> page = Read(after, 10_000);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (StoredEvent s in page)
            {
                EventBody body = EventJson.BodyFromJson(s.Kind, s.Data)
                    ?? throw new StoreException($"{Path}: event {s.Id} is of a kind this gateway cannot read ({s.Kind})");
                yield return new DrillEvent(s.Id, s.AtMs, body);
                after = s.Id;
            }
        }
    }

    /// <summary>Every watermark the record keeps (none for a record written before it kept them).</summary>
    public List<Watermark> ReadWatermarks()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT source, id, value FROM guard";
        var result = new List<Watermark>();
        try
        {
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new Watermark((WatermarkOf)reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));
            }
        }
        catch (SqliteException) when (_lock == null)
        {
            // a read-only look at a record written before the guard table existed
        }

        return result;
    }

    private string? ReadMeta(string key)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public long RawCount => (long)(Scalar("SELECT COUNT(*) FROM raw") ?? 0L);

    /// <summary>The raw input the record keeps (<c>--record-raw</c>), in the order the pipeline took it.</summary>
    public IEnumerable<RawInput> ReadRaw()
    {
        long after = 0;
        while (true)
        {
            var page = new List<(long Id, RawInput Input)>();
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString()))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "SELECT id, at, source, bytes FROM raw WHERE id > $after ORDER BY id LIMIT 10000";
                command.Parameters.AddWithValue("$after", after);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add((reader.GetInt64(0), new RawInput(reader.GetInt64(1), (RawSource)reader.GetInt32(2), (byte[])reader.GetValue(3))));
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            foreach ((long id, RawInput input) in page)
            {
                yield return input;
                after = id;
            }
        }
    }

    /// <summary>
    /// When the record's first and last events happened, and its first T0 (Unix ms; null in a record without
    /// them), without reading every event: what `beacons drills` lists.
    /// </summary>
    public (long? FirstMs, long? LastMs, long? FirstT0Ms) Times()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(at), MAX(at), (SELECT MIN(at) FROM events WHERE kind = $t0) FROM events";
        command.Parameters.AddWithValue("$t0", EventKinds.ByType[typeof(ClockStarted)]);
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        long? At(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        return (At(0), At(1), At(2));
    }

    /// <summary>Copies the WAL into the database (syncing both), without blocking the writer; skips a turn if one is running.</summary>
    private void Checkpoint()
    {
        if (!Monitor.TryEnter(_checkpointGate))
        {
            return;
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // busy or failing disk: the next turn tries again, and a failing disk shows at the next commit
        }
        finally
        {
            Monitor.Exit(_checkpointGate);
        }
    }

    public void Dispose()
    {
        _checkpoints?.Dispose();
        lock (_checkpointGate)
        {
            _disposed = true;
        }

        _insertEvent?.Dispose();
        _insertRaw?.Dispose();
        _raiseWatermark?.Dispose();
        _writer.Dispose();
        // Last: SQLite's connections are closed, so nothing of theirs depends on this handle any more.
        _lock?.Dispose();
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>The record cannot be used; the message is one line for a controller.</summary>
public sealed class StoreException(string message) : Exception(message);
