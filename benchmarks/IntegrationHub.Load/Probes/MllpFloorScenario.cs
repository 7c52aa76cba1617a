using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntegrationHub.Load.Runtime;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// <c>mllp-floor</c>: what one TCP connection per message costs on this machine before any hub work — a bare server
/// (accept, read to FS CR, write a fixed ACK, close) and the same 16 source connections as <c>mllp-ingest</c>, in this
/// process. No parsing, no validation, no bus: the part of an MLLP ingest figure no server code can remove.
/// </summary>
internal sealed class MllpFloorScenario : ILoadScenario
{
    private static readonly byte[] Ack = "\vMSH|^~\\&|HUB|HUB|SRC|SRC|20261205000000||ACK|1|P|2.5\rMSA|AA|1\r\u001c\r"u8.ToArray();

    public string Name => "mllp-floor";

    public string Description => "bare MLLP accept/read/ACK/close server and 16 one-message connections in one process (no hub code)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var total = context.Int("messages", 40_000);
        var connections = context.Int("connections", 16);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var server = Task.Run(() => ServeAsync(listener, stop.Token), CancellationToken.None);
        var sample = MllpLoad.PhwSample();

        for (var i = 0; i < 300; i++)
        {
            await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"WARM{i}"));
        }

        var next = -1;
        var failed = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                var (acked, _) = await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"FLOOR{next}"));
                if (!acked)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var rate = total / clock.Elapsed.TotalSeconds;
        var cpuPerMessage = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / total;
        await stop.CancelAsync();
        await server;
        LoadContext.Report($"{connections} connections, bare server: throughput", rate, "msg/s", $"{failed} without AA; {total} messages; load {MllpLoad.LoadAverage()}");
        LoadContext.Report("CPU per message, bare server + source connections", cpuPerMessage, "µs");
    }

    private static async Task ServeAsync(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(cancellationToken);
                _ = HandleAsync(connection);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task HandleAsync(Socket connection)
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
                    await connection.SendAsync(Ack, SocketFlags.None);
                    break;
                }
            }

            connection.Shutdown(SocketShutdown.Both);
        }
    }
}
