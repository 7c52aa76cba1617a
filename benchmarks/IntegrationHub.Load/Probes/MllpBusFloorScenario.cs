using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Coalescing;
using IntegrationHub.Load.Runtime;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// <c>mllp-bus-floor</c>: the least an MLLP server that keeps spec §2.4's guarantees can do per message on this machine —
/// accept, read to FS CR, send the message-store record, publish the message to its session queue (both awaited
/// through the hub's own bus client against the embedded broker on the measured disk), write a fixed ACK, close — with
/// the same 16 one-message source connections as <c>mllp-ingest</c>. No parsing, validation, events, logging or
/// telemetry, and everything in one process (no hand-offs between processes): an upper bound for any server built on
/// this bus, to read <c>mllp-ingest</c> against. <c>--sends 0|1|2</c> shows what each broker operation costs.
/// </summary>
internal sealed class MllpBusFloorScenario : ILoadScenario
{
    private static readonly byte[] Ack = "\vMSH|^~\\&|HUB|HUB|SRC|SRC|20261205000000||ACK|1|P|2.5\rMSA|AA|1\r\u001c\r"u8.ToArray();

    public string Name => "mllp-bus-floor";

    public string Description => "bare MLLP server that only stores and publishes each message through the bus client (no hub code), 16 one-message connections, one process";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var total = context.Int("messages", 40_000);
        var connections = context.Int("connections", 16);
        var sends = context.Int("sends", 2);
        var together = context.Int("together", 0) != 0;
        var fsync = SqliteCommitRate.Measure(context.DataDirectory, context.Seconds("fsync-seconds", 3));
        LoadContext.Report("SQLite commits/s (fsync-bound)", fsync, "commits/s", $"load {MllpLoad.LoadAverage()}");

        await using var rig = await PhwRig.StartAsync(context);

        // As the server sends: each entity through a coalescing sender (concurrent sends share a transfer).
        await using var store = new CoalescingSender(rig.Bus.CreateSender(PhwRig.Store));
        await using var publish = new CoalescingSender(rig.Bus.CreateSender(PhwRig.TransformerIngress));
        var server = new BusServer(store, publish, sends, together);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = Task.Run(() => server.ServeAsync(listener, stop.Token), CancellationToken.None);
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
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var (acked, _) = await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"BUSFLOOR{index}"));
                if (!acked)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var rate = total / clock.Elapsed.TotalSeconds;
        var cpuPerMessage = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / total;
        await stop.CancelAsync();
        await serving;
        LoadContext.Report($"{connections} connections, store + publish only ({sends} sends): throughput", rate, "msg/s",
            $"{failed} without AA; {total} messages; fsync {fsync:F0} commits/s; load {MllpLoad.LoadAverage()}");
        LoadContext.Report("CPU per message, server + broker + source connections", cpuPerMessage, "µs",
            $"{1e6 / cpuPerMessage * Environment.ProcessorCount:F0} msg/s if all {Environment.ProcessorCount} cores were free");
        LoadContext.Report("Failed sends", server.Failures, "", "a failed send gets no ACK");
    }

    private sealed class BusServer(IBusSender store, IBusSender publish, int sends, bool together)
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public async Task ServeAsync(Socket listener, CancellationToken cancellationToken)
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
                        if (await StoreAndPublishAsync(buffer.AsMemory(1, length - 3)))
                        {
                            await connection.SendAsync(Ack, SocketFlags.None);
                        }

                        break;
                    }
                }

                connection.Shutdown(SocketShutdown.Both);
            }
        }

        // The two broker operations spec §2.4 puts before the ACK, in its order: the store record (about three times
        // the payload, as the server's JSON record is), then the publish with a session id and MessageId.
        private async Task<bool> StoreAndPublishAsync(ReadOnlyMemory<byte> payload)
        {
            try
            {
                var id = Guid.NewGuid().ToString("N");
                if (together && sends >= 2)
                {
                    var both = new byte[payload.Length * 3];
                    payload.Span.CopyTo(both);
                    var storing = store.SendAsync(new OutgoingMessage(both) { MessageId = id });
                    var publishing = publish.SendAsync(new OutgoingMessage(payload.ToArray()) { MessageId = id, SessionId = PhwRig.ServerSession });
                    await Task.WhenAll(storing, publishing);
                    return true;
                }

                if (sends >= 2)
                {
                    var record = new byte[payload.Length * 3];
                    payload.Span.CopyTo(record);
                    await store.SendAsync(new OutgoingMessage(record) { MessageId = id });
                }

                if (sends >= 1)
                {
                    await publish.SendAsync(new OutgoingMessage(payload.ToArray()) { MessageId = id, SessionId = PhwRig.ServerSession });
                }

                return true;
            }
            catch (BusException)
            {
                Interlocked.Increment(ref _failures);
                return false;
            }
        }
    }
}
