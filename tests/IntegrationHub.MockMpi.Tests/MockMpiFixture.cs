using System.Text;
using IntegrationHub.Mllp;

namespace IntegrationHub.MockMpi.Tests;

/// <summary>A mock MPI on a free port with a fresh output folder, and a client pointed at it.</summary>
internal sealed class MockMpiFixture : IAsyncDisposable
{
    private MockMpiFixture(MockMpiServer server, string folder)
    {
        Server = server;
        Folder = folder;
    }

    public MockMpiServer Server { get; }

    public string Folder { get; }

    public static async Task<MockMpiFixture> StartAsync(MockMpiBehaviour? behaviour = null, bool keepAlive = true, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("mockmpi-").FullName;
        var server = new MockMpiServer(new MockMpiOptions
        {
            Port = 0,
            OutputDirectory = folder,
            KeepConnectionOpen = keepAlive,
            Behaviour = behaviour ?? MockMpiBehaviour.Default,
        });
        await server.StartAsync(CancellationToken.None);
        return new MockMpiFixture(server, folder);
    }

    public MllpClient Client(TimeSpan? ackTimeout = null) => new(new MllpClientOptions
    {
        Host = "127.0.0.1",
        Port = Server.EndPoint.Port,
        AckTimeout = ackTimeout ?? TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public static string Message(string controlId, string extra = "A^B") =>
        $"MSH|^~\\&|103|103|200|200|20250702085450||ADT^A28^ADT_A05|{controlId}|P|2.5\rPID|||1^^^NHS^NH||{extra}";

    public static string AckCode(MllpSendResult result)
    {
        var text = result.ResponseText;
        var msa = text.IndexOf("\rMSA|", StringComparison.Ordinal);
        return msa < 0 ? string.Empty : text.Substring(msa + 5, 2);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
