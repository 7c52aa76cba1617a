using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// The disk's fsync-bound commit rate as the broker's store sees it: one connection, WAL, synchronous=FULL,
/// one small row per transaction. Durable throughput of anything that commits per message is bounded by this,
/// so every durable-path number is reported beside it, measured in the same run on the same disk.
/// </summary>
internal static class SqliteCommitRate
{
    public static double Measure(string directory, TimeSpan duration)
    {
        var path = Path.Combine(directory, $"fsync-probe-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);");
            var body = new byte[1024];
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (body) VALUES ($body)";
            insert.Parameters.AddWithValue("$body", body);
            var commits = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
                transaction.Commit();
                commits++;
            }

            return commits / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(directory, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
