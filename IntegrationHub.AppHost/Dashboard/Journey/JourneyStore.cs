using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.AppHost.Dashboard.Journey;

/// <summary>
/// The message journey's local store: audit events and message-store records in SQLite
/// (<c>&lt;data&gt;/dashboard/journey.db</c>), indexed by control id (MSH-10). Bounded by age and by row count so a
/// long local run never fills the disk. One connection behind a lock: the writer is one consumer and the readers are
/// a developer's browser, so contention is not a concern and the code stays simple.
/// </summary>
public sealed partial class JourneyStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private int _writesSincePrune;

    public JourneyStore(string path, JourneyRetention? retention = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Retention = retention ?? new JourneyRetention(TimeSpan.FromDays(7), 100_000);
        _time = time ?? TimeProvider.System;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                control_id TEXT, workflow_id TEXT NOT NULL, microservice_id TEXT NOT NULL, event_type TEXT NOT NULL,
                timestamp_ms INTEGER NOT NULL, message_content TEXT NOT NULL, validation_result TEXT, error_details TEXT,
                correlation_id TEXT, stored_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS events_control_id ON events (control_id);
            CREATE INDEX IF NOT EXISTS events_timestamp ON events (timestamp_ms);
            CREATE TABLE IF NOT EXISTS messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                control_id TEXT, correlation_id TEXT NOT NULL, component TEXT NOT NULL, source_system TEXT NOT NULL,
                target_system TEXT NOT NULL, received_at TEXT NOT NULL, raw_payload TEXT NOT NULL, stored_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS messages_control_id ON messages (control_id);
            """);
    }

    public JourneyRetention Retention { get; }

    /// <summary>Adds events (one transaction) and prunes now and then.</summary>
    public void AddEvents(IReadOnlyCollection<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO events (control_id, workflow_id, microservice_id, event_type, timestamp_ms, message_content,
                    validation_result, error_details, correlation_id, stored_ms)
                VALUES ($control, $workflow, $service, $type, $ts, $content, $validation, $error, $correlation, $now)
                """;
            foreach (var e in events)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$control", (object?)e.ControlId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$workflow", e.WorkflowId);
                insert.Parameters.AddWithValue("$service", e.MicroserviceId);
                insert.Parameters.AddWithValue("$type", e.EventType);
                insert.Parameters.AddWithValue("$ts", e.Timestamp.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$content", e.MessageContent);
                insert.Parameters.AddWithValue("$validation", (object?)e.ValidationResult ?? DBNull.Value);
                insert.Parameters.AddWithValue("$error", (object?)e.ErrorDetails ?? DBNull.Value);
                insert.Parameters.AddWithValue("$correlation", (object?)e.CorrelationId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$now", now);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            PruneIfDue(events.Count);
        }
    }

    public void AddMessages(IReadOnlyCollection<StoredMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO messages (control_id, correlation_id, component, source_system, target_system, received_at, raw_payload, stored_ms)
                VALUES ($control, $correlation, $component, $source, $target, $received, $payload, $now)
                """;
            foreach (var m in messages)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$control", (object?)m.ControlId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$correlation", m.CorrelationId);
                insert.Parameters.AddWithValue("$component", m.ProcessingComponent);
                insert.Parameters.AddWithValue("$source", m.SourceSystem);
                insert.Parameters.AddWithValue("$target", m.TargetSystem);
                insert.Parameters.AddWithValue("$received", m.ReceivedAt);
                insert.Parameters.AddWithValue("$payload", m.RawPayload);
                insert.Parameters.AddWithValue("$now", now);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            PruneIfDue(messages.Count);
        }
    }

    /// <summary>Every event of one message, in time order (ties in arrival order).</summary>
    public IReadOnlyList<AuditEvent> EventsOf(string controlId) => Query(
        "SELECT control_id, workflow_id, microservice_id, event_type, timestamp_ms, message_content, validation_result, error_details, correlation_id FROM events WHERE control_id = $c ORDER BY timestamp_ms, id",
        r => new AuditEvent(Text(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5), Text(r, 6), Text(r, 7), Text(r, 8)),
        ("$c", controlId));

    /// <summary>The message as each server received it and each sender sent it.</summary>
    public IReadOnlyList<StoredMessage> MessagesOf(string controlId) => Query(
        "SELECT control_id, correlation_id, component, source_system, target_system, received_at, raw_payload FROM messages WHERE control_id = $c ORDER BY id",
        r => new StoredMessage(Text(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
        ("$c", controlId));

    /// <summary>The latest messages seen, newest first, with how far each got.</summary>
    public IReadOnlyList<JourneySummary> Recent(int count) => Query(
        """
        SELECT control_id, MIN(workflow_id), MIN(timestamp_ms), MAX(timestamp_ms), COUNT(*),
               SUM(event_type IN ('MESSAGE_FAILED', 'VALIDATION_FAILED')), SUM(event_type = 'MESSAGE_SENT'), MAX(id)
        FROM events WHERE control_id IS NOT NULL GROUP BY control_id ORDER BY MAX(id) DESC LIMIT $n
        """,
        r => new JourneySummary(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt32(4),
            r.GetInt64(6) > 0 ? "delivered" : r.GetInt64(5) > 0 ? "failed" : "in progress"),
        ("$n", count));

    public long EventCount => Query("SELECT COUNT(*) FROM events", r => r.GetInt64(0))[0];

    private void PruneIfDue(int written)
    {
        _writesSincePrune += written;
        if (_writesSincePrune < Retention.PruneEvery)
        {
            return;
        }

        _writesSincePrune = 0;
        Prune();
    }

    /// <summary>Drops what is older than the age limit, then the oldest beyond the row limit (each table).</summary>
    public void Prune()
    {
        var cutoff = (_time.GetUtcNow() - Retention.MaxAge).ToUnixTimeMilliseconds();
        var max = Retention.MaxRows.ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            Execute($"""
                DELETE FROM events WHERE stored_ms < {cutoff};
                DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - {max};
                DELETE FROM messages WHERE stored_ms < {cutoff};
                DELETE FROM messages WHERE id <= (SELECT MAX(id) FROM messages) - {max};
                """);
        }
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}

/// <summary>How much the journey store keeps: rows younger than <see cref="MaxAge"/>, at most <see cref="MaxRows"/> per table.</summary>
public sealed record JourneyRetention(TimeSpan MaxAge, int MaxRows)
{
    /// <summary>Pruning runs after this many writes, not on every batch.</summary>
    public int PruneEvery { get; init; } = 1000;
}
