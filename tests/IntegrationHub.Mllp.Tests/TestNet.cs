using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Mllp.Tests;

/// <summary>Raw-socket helpers: the tests speak bytes to the listener directly.</summary>
internal static class TestNet
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint);
        return socket;
    }

    public static byte[] Frame(string payload) => MllpFraming.Frame(Encoding.UTF8.GetBytes(payload));

    /// <summary>Reads until the peer closes (returns everything read) or <paramref name="timeout"/> passes (throws).</summary>
    public static async Task<byte[]> ReadToCloseAsync(Socket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(chunk, SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                // A reset is a close too.
                return buffer.ToArray();
            }

            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>Reads one response frame (until FS CR).</summary>
    public static async Task<byte[]> ReadFrameAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(Patience);
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (!buffer.ToArray().AsSpan().EndsWith(MllpFraming.Terminator))
        {
            var read = await socket.ReceiveAsync(chunk, SocketFlags.None, cts.Token);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        using var cts = new CancellationTokenSource(Patience);
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cts.Token);
            if (n == 0)
            {
                return buffer[..read];
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>A port nobody listens on (bound then released).</summary>
    public static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(10);
        }
    }
}
