using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bus.Emulator.Storage;

/// <summary>Reads stored message bodies (and session state) on behalf of one entity's loop.</summary>
internal sealed class BodyReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _body;
    private readonly SqliteCommand _state;

    public BodyReader(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _body = _connection.CreateCommand();
        _body.CommandText = "SELECT body FROM messages WHERE id = $id";
        _body.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        _state = _connection.CreateCommand();
        _state.CommandText = "SELECT state FROM session_state WHERE entity = $e AND session = $s";
        _state.Parameters.Add(new SqliteParameter { ParameterName = "$e" });
        _state.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
    }

    public byte[]? ReadBody(EntityStorage entity, long seq)
    {
        _body.Parameters[0].Value = entity.StorageKey(seq);
        return _body.ExecuteScalar() as byte[];
    }

    public byte[]? ReadSessionState(EntityStorage entity, string session)
    {
        _state.Parameters[0].Value = entity.Id;
        _state.Parameters[1].Value = session;
        return _state.ExecuteScalar() as byte[];
    }

    public void Dispose()
    {
        _body.Dispose();
        _state.Dispose();
        _connection.Dispose();
    }
}
