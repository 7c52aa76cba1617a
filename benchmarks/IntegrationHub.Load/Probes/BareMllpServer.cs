using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// The floor probes' server: accepts on a loopback port, reads each connection to FS CR, asks the work for the frame
/// (VT and FS CR stripped), writes a fixed AA when the work says so, and closes — one message per connection.
/// </summary>
internal sealed class BareMllpServer : IAsyncDisposable
{
    private static readonly byte[] Ack = "\vMSH|^~\\&|HUB|HUB|SRC|SRC|20261205000000||ACK|1|P|2.5\rMSA|AA|1\r\u001c\r"u8.ToArray();

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ReadOnlyMemory<byte>, Task<bool>> _work;
    private readonly Task _serving;

    public BareMllpServer(Func<ReadOnlyMemory<byte>, Task<bool>> work)
    {
        _work = work;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _serving = Task.Run(() => ServeAsync(_stop.Token), CancellationToken.None);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(cancellationToken);
                _ = HandleAsync(connection);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleAsync(Socket connection)
    {
        using (connection)
        {
            var buffer = new byte[8192];
            var length = 0;
            int read;
            while ((read = await connection.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None)) > 0)
            {
                length += read;
                if (length >= 2 && buffer[length - 2] == 0x1C && buffer[length - 1] == 0x0D)
                {
                    if (await _work(buffer.AsMemory(1, length - 3)))
                    {
                        await connection.SendAsync(Ack, SocketFlags.None);
                    }

                    break;
                }
            }

            connection.Shutdown(SocketShutdown.Both);
        }
    }
}
