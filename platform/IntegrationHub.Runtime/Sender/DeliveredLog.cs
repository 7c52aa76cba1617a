using Microsoft.Data.Sqlite;

namespace IntegrationHub.Runtime.Sender;

/// <summary>
/// The messages the destination has acknowledged, by control id (MSH-10) and a digest of the message, kept
/// durably for a time window. The digest matters because control ids are not unique in practice (feeds reuse
/// them, and distinct messages sharing one must all be delivered); a redelivery after a crash is the same message
/// with the same control id and the same bytes. A sender that
/// crashes after the ACK but before completing the bus message gets the message again on restart; this log
/// lets it complete that message without delivering it twice. Recorded after a positive ACK and before the bus
/// message is completed, with a synchronous commit, so what is recorded was delivered and nothing delivered is
/// forgotten (the one gap is a crash between the ACK and this commit, a few milliseconds).
/// </summary>
public sealed class DeliveredLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPrune;

    public DeliveredLog(string directory, TimeSpan window, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        _window = window;
        _time = time;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "delivered.db"),
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute("CREATE TABLE IF NOT EXISTS delivered (control_id TEXT NOT NULL, digest TEXT NOT NULL, delivered_at INTEGER NOT NULL, PRIMARY KEY (control_id, digest));");
        Prune();
    }

    public bool IsEnabled => _window > TimeSpan.Zero;

    /// <summary>True when this message (<paramref name="controlId"/> and <paramref name="body"/>) was acknowledged within the window.</summary>
    public bool WasDelivered(string controlId, ReadOnlySpan<byte> body)
    {
        if (!IsEnabled || controlId.Length == 0)
        {
            return false;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM delivered WHERE control_id = $id AND digest = $digest AND delivered_at >= $since";
        command.Parameters.AddWithValue("$id", controlId);
        command.Parameters.AddWithValue("$digest", Digest(body));
        command.Parameters.AddWithValue("$since", (_time.GetUtcNow() - _window).ToUnixTimeMilliseconds());
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Records a positive ACK for this message; returns once it is on disk.</summary>
    public void Record(string controlId, ReadOnlySpan<byte> body)
    {
        if (!IsEnabled || controlId.Length == 0)
        {
            return;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO delivered (control_id, digest, delivered_at) VALUES ($id, $digest, $at) ON CONFLICT(control_id, digest) DO UPDATE SET delivered_at = excluded.delivered_at";
        command.Parameters.AddWithValue("$id", controlId);
        command.Parameters.AddWithValue("$digest", Digest(body));
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        if (_time.GetUtcNow() >= _nextPrune)
        {
            Prune();
        }
    }

    public void Dispose() => _connection.Dispose();

    private static string Digest(ReadOnlySpan<byte> body) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body));

    private void Prune()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM delivered WHERE delivered_at < $before";
        command.Parameters.AddWithValue("$before", (_time.GetUtcNow() - _window).ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        _nextPrune = _time.GetUtcNow() + TimeSpan.FromMinutes(10);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
