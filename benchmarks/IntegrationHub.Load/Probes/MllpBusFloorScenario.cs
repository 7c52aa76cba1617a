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
        var work = new StoreAndPublish(store, publish, sends, together);
        await using var server = new BareMllpServer(work.RunAsync);
        var (rate, cpuPerMessage, failed) = await MllpLoad.DriveAsync(server.Port, MllpLoad.PhwSample(), connections, total, "BUSFLOOR");
        LoadContext.Report($"{connections} connections, store + publish only ({sends} sends): throughput", rate, "msg/s",
            $"{failed} without AA; {total} messages; fsync {fsync:F0} commits/s; load {MllpLoad.LoadAverage()}");
        LoadContext.Report("CPU per message, server + broker + source connections", cpuPerMessage, "µs",
            $"{1e6 / cpuPerMessage * Environment.ProcessorCount:F0} msg/s if all {Environment.ProcessorCount} cores were free");
        LoadContext.Report("Failed sends", work.Failures, "", "a failed send gets no ACK");
    }

    private sealed class StoreAndPublish(IBusSender store, IBusSender publish, int sends, bool together)
    {
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        // The two broker operations spec §2.4 puts before the ACK, in its order: the store record (about three times
        // the payload, as the server's JSON record is), then the publish with a session id and MessageId. With
        // --together 1 the publish does not wait for the store record's answer.
        public async Task<bool> RunAsync(ReadOnlyMemory<byte> payload)
        {
            try
            {
                var id = Guid.NewGuid().ToString("N");
                var storing = Task.CompletedTask;
                if (sends >= 2)
                {
                    var record = new byte[payload.Length * 3];
                    payload.Span.CopyTo(record);
                    storing = store.SendAsync(new OutgoingMessage(record) { MessageId = id });
                    if (!together)
                    {
                        await storing;
                    }
                }

                if (sends >= 1)
                {
                    await publish.SendAsync(new OutgoingMessage(payload.ToArray()) { MessageId = id, SessionId = PhwRig.ServerSession });
                }

                await storing;
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
