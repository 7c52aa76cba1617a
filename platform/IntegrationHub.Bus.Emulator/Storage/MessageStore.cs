using IntegrationHub.Bus.Emulator.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Storage;

/// <summary>
/// Durable message storage on SQLite (WAL, synchronous=FULL). Every pending operation of every connection is
/// committed in a single transaction (group commit), so many concurrent sends share one fsync. Callers learn about
/// durability through each operation's completion, which runs only after the commit (or its failure).
/// </summary>
/// <remarks>
/// Leader/follower instead of a dedicated writer thread: an operation that finds no commit running makes a
/// "leader" work item, queued to the enqueuing thread-pool thread's own queue. That thread (usually the connection's
/// frame reader) first finishes the frames it already has (they join the batch) and then, once its read would wait,
/// commits the batch itself: an awaited send no longer waits for a second thread to wake up. Operations arriving
/// while a commit runs wait in <see cref="_pending"/>; the leader commits them next and resigns when none are left.
/// </remarks>
internal sealed partial class MessageStore : IAsyncDisposable, IThreadPoolWorkItem
{
    private const int MaxBatch = 4096;
    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SqliteConnection _writeConnection;
    private List<StoreOp> _pending = new(256);
    private List<StoreOp> _committing = new(256);
    private bool _leaderActive;
    private bool _started;
    private bool _stopping;
    private TaskCompletionSource? _drained;
    private Writer? _writer;
    private FileStream? _directoryLock;

    private MessageStore(string path, ILogger logger)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        _logger = logger;
        _writeConnection = new SqliteConnection(_connectionString);
    }

    public static MessageStore Open(string dataDirectory, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        FileStream directoryLock;
        try
        {
            // Two brokers on one data directory would hand out the same messages twice; the OS drops the lock on kill -9.
            directoryLock = new FileStream(Path.Combine(dataDirectory, "broker.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"The data directory '{dataDirectory}' is in use by another broker.", ex);
        }

        var store = new MessageStore(Path.Combine(dataDirectory, "broker.db"), logger) { _directoryLock = directoryLock };
        store._writeConnection.Open();
        store.Exec("PRAGMA journal_mode=WAL;");
        store.Exec("PRAGMA synchronous=FULL;");
        store.Exec("""
            CREATE TABLE IF NOT EXISTS entities(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, last_seq INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS messages(
                id INTEGER PRIMARY KEY, dlq INTEGER NOT NULL, session TEXT, message_id TEXT,
                enqueued INTEGER NOT NULL, expires INTEGER NOT NULL, scheduled INTEGER NOT NULL,
                delivery_count INTEGER NOT NULL, body BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS session_state(entity INTEGER NOT NULL, session TEXT NOT NULL, state BLOB NOT NULL,
                PRIMARY KEY(entity, session)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS seen_ids(entity INTEGER NOT NULL, message_id TEXT NOT NULL, at INTEGER NOT NULL,
                PRIMARY KEY(entity, message_id)) WITHOUT ROWID;
            """);
        return store;
    }

    public string ConnectionString => _connectionString;

    /// <summary>Registers (or finds) an entity and loads its stored messages in sequence order.</summary>
    public EntityStorage LoadEntity(string key, bool duplicateDetection, TimeSpan duplicateWindow, List<MessageRecord> records)
    {
        using var find = _writeConnection.CreateCommand();
        find.CommandText = "SELECT id, last_seq FROM entities WHERE name = $n";
        find.Parameters.AddWithValue("$n", key);
        int id;
        long lastSeq;
        using (var reader = find.ExecuteReader())
        {
            if (reader.Read())
            {
                id = reader.GetInt32(0);
                lastSeq = reader.GetInt64(1);
            }
            else
            {
                id = -1;
                lastSeq = 0;
            }
        }

        if (id < 0)
        {
            using var insert = _writeConnection.CreateCommand();
            insert.CommandText = "INSERT INTO entities(name, last_seq) VALUES($n, 0) RETURNING id";
            insert.Parameters.AddWithValue("$n", key);
            id = Convert.ToInt32(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var entity = new EntityStorage(id, key, lastSeq)
        {
            RequiresDuplicateDetection = duplicateDetection,
            DuplicateWindowMs = (long)duplicateWindow.TotalMilliseconds,
        };
        using var load = _writeConnection.CreateCommand();
        load.CommandText = """
            SELECT id, dlq, session, enqueued, expires, scheduled, delivery_count
            FROM messages WHERE id >= $lo AND id < $hi ORDER BY id
            """;
        load.Parameters.AddWithValue("$lo", entity.StorageKey(0));
        load.Parameters.AddWithValue("$hi", entity.StorageKey(0) + (1L << 44));
        using (var reader = load.ExecuteReader())
        {
            while (reader.Read())
            {
                records.Add(new MessageRecord
                {
                    Seq = reader.GetInt64(0) & ((1L << 44) - 1),
                    DeadLetter = reader.GetInt32(1) != 0,
                    SessionId = reader.IsDBNull(2) ? null : string.Intern(reader.GetString(2)),
                    EnqueuedMs = reader.GetInt64(3),
                    ExpiresMs = reader.GetInt64(4),
                    ScheduledMs = reader.GetInt64(5),
                    DeliveryCount = reader.GetInt32(6),
                });
            }
        }

        if (duplicateDetection)
        {
            using var seen = _writeConnection.CreateCommand();
            seen.CommandText = "SELECT message_id, at FROM seen_ids WHERE entity = $e";
            seen.Parameters.AddWithValue("$e", id);
            using var reader = seen.ExecuteReader();
            while (reader.Read())
            {
                entity.SeenMessageIds[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return entity;
    }

    public void Start()
    {
        lock (_gate)
        {
            _writer = new Writer(_writeConnection);
            _started = true;
            if (!ClaimLeadership())
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <summary>Queues an operation for the next commit; its completion runs after that commit.</summary>
    public void Enqueue(StoreOp op)
    {
        var stopping = false;
        lock (_gate)
        {
            if (_stopping)
            {
                stopping = true;
            }
            else
            {
                _pending.Add(op);
                if (!ClaimLeadership())
                {
                    return;
                }
            }
        }

        if (stopping)
        {
            op.Complete(new ObjectDisposedException(nameof(MessageStore), "The broker is stopping."));
            return;
        }

        // preferLocal: the enqueuing pool thread runs the commit itself once it has no frames left to read.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    /// <summary>Opens a read-only connection for an entity's body reads (WAL lets readers run beside the writer).</summary>
    public BodyReader CreateReader() => new(_connectionString);

    public async ValueTask DisposeAsync()
    {
        Task drained;
        lock (_gate)
        {
            _stopping = true;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_leaderActive)
            {
                _drained.TrySetResult();
            }

            drained = _drained.Task;
        }

        // Operations queued before the stop are still committed (or failed) before the connection closes.
        await drained.ConfigureAwait(false);
        _writer?.Dispose();
        await _writeConnection.DisposeAsync().ConfigureAwait(false);
        if (_directoryLock is not null)
        {
            await _directoryLock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Exec(string sql)
    {
        using var cmd = _writeConnection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    void IThreadPoolWorkItem.Execute() => LeadCommits();

    /// <summary>Under <see cref="_gate"/>: true when the caller became the leader and must schedule the commit.</summary>
    private bool ClaimLeadership()
    {
        if (_leaderActive || !_started || _pending.Count == 0)
        {
            return false;
        }

        _leaderActive = true;
        return true;
    }

    /// <summary>The leader: commits whatever is pending, again and again, until nothing is left.</summary>
    private void LeadCommits()
    {
        while (true)
        {
            List<StoreOp> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _leaderActive = false;
                    if (_stopping)
                    {
                        _drained?.TrySetResult();
                    }

                    return;
                }

                // Swap the lists: followers keep appending to the other one while this batch commits.
                batch = _pending;
                _pending = _committing;
                _committing = batch;
            }

            if (batch.Count <= MaxBatch)
            {
                Commit(batch);
            }
            else
            {
                for (var start = 0; start < batch.Count; start += MaxBatch)
                {
                    Commit(batch.GetRange(start, Math.Min(MaxBatch, batch.Count - start)));
                }
            }

            batch.Clear();
        }
    }

    private void Commit(List<StoreOp> batch)
    {
        Exception? failure = null;
        try
        {
            _writer!.Run(batch);
        }
        catch (Exception ex)
        {
            // The transaction rolled back: every operation of the batch fails, and the store carries on.
            failure = ex;
            _writer!.ForgetUncommitted();
            LogCommitFailed(_logger, ex, batch.Count);
        }

        foreach (var op in batch)
        {
            try
            {
                op.Complete(failure);
            }
            catch (Exception ex)
            {
                LogCompletionFailed(_logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Store commit of {Count} operations failed")]
    private static partial void LogCommitFailed(ILogger logger, Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store completion callback failed")]
    private static partial void LogCompletionFailed(ILogger logger, Exception ex);
}
