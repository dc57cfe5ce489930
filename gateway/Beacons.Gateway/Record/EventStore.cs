using Microsoft.Data.Sqlite;

namespace Beacons.Gateway.Record;

/// <summary>An event as stored: its body already JSON, ready for the API and the stream.</summary>
public sealed record StoredEvent(long Id, long AtMs, string Kind, string Data)
{
    public string Json => EventJson.Wrap(Id, AtMs, Kind, Data);

    public static StoredEvent Of(DrillEvent e) => new(e.Id, e.AtMs, e.Kind, EventJson.BodyToJson(e.Body));
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
/// of latency on a laptop disk. One writer: a lock file next to the database keeps a second gateway off
/// it. Reads open their own connection, so the API can read while the writer appends.
/// </summary>
public sealed class EventStore : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly FileStream _lock;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertRaw;
    private readonly Timer _checkpoints;
    private readonly object _checkpointGate = new();
    private bool _disposed;

    static EventStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    private EventStore(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("PRAGMA wal_autocheckpoint=0;"); // the checkpoint thread does it, off the writer's path
        Execute("PRAGMA journal_size_limit=67108864;"); // once checkpointed, the WAL file shrinks back to 64 MB at most
        Execute("PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, source INTEGER NOT NULL, bytes BLOB NOT NULL);
            """);
        string? version = Scalar("SELECT value FROM meta WHERE key = 'schema'") as string;
        if (version == null)
        {
            Execute($"INSERT INTO meta (key, value) VALUES ('schema', '{SchemaVersion}')");
        }
        else if (version != SchemaVersion.ToString())
        {
            throw new StoreException($"{path} was written by another version of the gateway (record schema {version}, this one reads {SchemaVersion})");
        }

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
        _checkpoints = new Timer(_ => Checkpoint(), null, CheckpointIntervalMs, CheckpointIntervalMs);
    }

    public const int CheckpointIntervalMs = 1000;

    public string Path { get; }

    /// <summary>Opens (creating if needed) the record at <paramref name="path"/>; a <see cref="StoreException"/> says in one line why not.</summary>
    public static EventStore Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        FileStream lockFile;
        try
        {
            string? directory = System.IO.Path.GetDirectoryName(full);
            if (directory != null && !Directory.Exists(directory))
            {
                throw new StoreException($"cannot open the record {path}: no such directory");
            }

            lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new StoreException($"the record {path} is in use by another gateway");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new StoreException($"cannot open the record {path}: {e.Message}");
        }

        try
        {
            return new EventStore(full, lockFile);
        }
        catch (SqliteException e)
        {
            lockFile.Dispose();
            throw new StoreException($"cannot open the record {path}: {e.Message.Replace("SQLite Error ", "").TrimEnd('.')}");
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>The venue the record was made with (the venue file format, as `GET /api/venue`), or null for a record written before the record kept it.</summary>
    public string? VenueJson => ReadMeta("venue");

    /// <summary>The exercise the record was made with, without its keys (as `GET /api/exercise`), or null for a record written before the record kept it.</summary>
    public string? ExerciseJson => ReadMeta("exercise");

    /// <summary>
    /// Keeps the drill's venue and exercise (never its keys) in the record, so the review can be made from the
    /// record alone. Written once: a record reopened with other files keeps the first ones (the gateway refuses
    /// another exercise ID before calling this). Its own connection: the writer may be appending on another thread.
    /// </summary>
    public void KeepDrillFiles(string venueJson, string exerciseJson)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        foreach ((string key, string value) in new[] { ("venue", venueJson), ("exercise", exerciseJson) })
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

    /// <summary>Appends in one transaction; returns once it is committed to disk.</summary>
    public void Append(IReadOnlyList<StoredEvent> events, IReadOnlyList<RawInput>? raw)
    {
        using SqliteTransaction transaction = _writer.BeginTransaction();
        _insertEvent.Transaction = transaction;
        _insertRaw.Transaction = transaction;
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

        transaction.Commit();
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
        _checkpoints.Dispose();
        lock (_checkpointGate)
        {
            _disposed = true;
        }

        _insertEvent.Dispose();
        _insertRaw.Dispose();
        _writer.Dispose();
        // The lock file stays: deleting it could race with another gateway taking it.
        _lock.Dispose();
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
