using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// The fastest an awaited send can possibly be on this machine: the same SQLite commit as
/// <see cref="SqliteCommitRate"/>, but behind one TCP round trip on 127.0.0.1 between two threads — a client that
/// writes 1 KB and blocks for a 16-byte answer, and a server thread that commits the 1 KB and answers. No protocol,
/// no framing, no thread pool: only what every networked broker must add to a commit (two socket hand-offs and the
/// wake-ups they cost). A broker's single awaited sender can approach this rate but not exceed it.
/// </summary>
internal static class TcpCommitFloor
{
    private const int MessageSize = 1024;
    private const int AnswerSize = 16;

    public static double Measure(string directory, TimeSpan duration)
    {
        var path = Path.Combine(directory, $"floor-probe-{Guid.NewGuid():N}.db");
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.Connect(listener.LocalEndPoint!);
            using var server = listener.Accept();
            server.NoDelay = true;
            var committer = new Thread(() => Serve(server, path)) { IsBackground = true, Name = "floor-committer" };
            committer.Start();

            var message = new byte[MessageSize];
            var answer = new byte[AnswerSize];
            long roundTrips = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                client.Send(message);
                Receive(client, answer);
                roundTrips++;
            }

            var rate = roundTrips / clock.Elapsed.TotalSeconds;
            client.Shutdown(SocketShutdown.Both);
            committer.Join();
            return rate;
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

    private static void Serve(Socket server, string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (body) VALUES ($body)";
        var body = insert.Parameters.Add("$body", SqliteType.Blob);
        var message = new byte[MessageSize];
        var answer = new byte[AnswerSize];
        while (Receive(server, message))
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            body.Value = message;
            insert.ExecuteNonQuery();
            transaction.Commit();
            server.Send(answer);
        }
    }

    /// <summary>Fills the buffer; false when the peer closed first.</summary>
    private static bool Receive(Socket socket, byte[] buffer)
    {
        var received = 0;
        while (received < buffer.Length)
        {
            var read = socket.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
            if (read == 0)
            {
                return false;
            }

            received += read;
        }

        return true;
    }
}
