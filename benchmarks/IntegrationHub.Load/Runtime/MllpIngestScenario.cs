using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Load.Probes;

namespace IntegrationHub.Load.Runtime;

/// <summary>
/// <c>mllp-ingest</c>: the PHW server executable (validation, message store, durable publish, then ACK) driven the way
/// sources drive it — one message per connection — first by one source at a time (ACK latency), then by 16 at once.
/// </summary>
internal sealed class MllpIngestScenario : ILoadScenario
{
    public string Name => "mllp-ingest";

    public string Description => "MLLP ingest with durable publish through the PHW server process: 1 connection p50/p99, 16 connections msg/s (target >= 10,000)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var single = context.Int("single", 2_000);
        var total = context.Int("messages", 40_000);
        var connections = context.Int("connections", 16);
        var fsync = SqliteCommitRate.Measure(context.DataDirectory, context.Seconds("fsync-seconds", 3));
        LoadContext.Report("SQLite commits/s (fsync-bound)", fsync, "commits/s", $"load {MllpLoad.LoadAverage()}");

        await using var rig = await PhwRig.StartAsync(context);
        var (server, port) = await rig.StartServerAsync();
        var sample = MllpLoad.PhwSample();

        await MllpLoad.WarmUpAsync(port, sample);

        var latencies = new List<TimeSpan>(single);
        var failed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < single; i++)
        {
            var (acked, elapsed) = await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"ONE{i}"));
            latencies.Add(elapsed);
            failed += acked ? 0 : 1;
        }

        var singleRate = single / clock.Elapsed.TotalSeconds;
        latencies.Sort();
        var load = MllpLoad.LoadAverage();
        LoadContext.Report("1 connection: ACK latency p50", MllpLoad.Percentile(latencies, 50).TotalMilliseconds, "ms", $"load {load}");
        LoadContext.Report("1 connection: ACK latency p99", MllpLoad.Percentile(latencies, 99).TotalMilliseconds, "ms", $"load {load}");
        LoadContext.Report("1 connection: throughput", singleRate, "msg/s", $"{failed} without AA; fsync {fsync:F0} commits/s; load {load}");

        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(server, sampling.Token);
        var next = -1;
        failed = 0;
        var concurrentLatencies = new List<TimeSpan>[connections];
        var serverCpu = server.CpuTime;
        var ownCpu = Environment.CpuUsage.TotalTime;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = concurrentLatencies[worker] = [];
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var (acked, elapsed) = await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"MANY{index}"));
                mine.Add(elapsed);
                if (!acked)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var manyRate = total / clock.Elapsed.TotalSeconds;
        var serverCpuPerMessage = (server.CpuTime - serverCpu).TotalMicroseconds / total;
        var ownCpuPerMessage = (Environment.CpuUsage.TotalTime - ownCpu).TotalMicroseconds / total;
        await sampling.CancelAsync();
        await sampler;
        var all = concurrentLatencies.SelectMany(l => l).Order().ToList();
        load = MllpLoad.LoadAverage();
        LoadContext.Report($"{connections} connections: throughput", manyRate, "msg/s", $"{failed} without AA; {total} messages; load {load}");
        LoadContext.Report($"{connections} connections: ACK latency p50 / p99", MllpLoad.Percentile(all, 50).TotalMilliseconds, "ms",
            string.Create(CultureInfo.InvariantCulture, $"p99 {MllpLoad.Percentile(all, 99).TotalMilliseconds:F1} ms"));
        LoadContext.Report("CPU per message: PHW server process", serverCpuPerMessage, "µs", $"{1e6 / serverCpuPerMessage:F0} msg/s per free core");
        LoadContext.Report("CPU per message: broker + load clients (this process)", ownCpuPerMessage, "µs", $"{1e6 / (serverCpuPerMessage + ownCpuPerMessage) * Environment.ProcessorCount:F0} msg/s if all {Environment.ProcessorCount} cores were free");
        LoadContext.Report("PHW server RSS, peak under load", server.PeakRssBytes / 1048576.0, "MB", $"VmHWM {server.HighWaterMarkBytes / 1048576.0:F1} MB");

        // What the run left on the side queues (nothing consumes them here): bus messages per ingested HL7 message.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var ingested = MllpLoad.WarmUpMessages + single + total;
        LoadContext.Report("Message-store queue: messages per ingested message", await rig.ActiveMessagesAsync(PhwRig.Store) / (double)ingested, "", $"{ingested} ingested");
        LoadContext.Report("Audit queue: messages per ingested message", await rig.ActiveMessagesAsync(PhwRig.Audit) / (double)ingested, "", "each message carries a batch of events");
    }

    private static async Task SampleAsync(HubProcess process, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            process.SampleMemory();
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
