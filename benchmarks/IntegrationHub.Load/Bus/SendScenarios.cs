using System.Diagnostics;
using IntegrationHub.Bus;
using IntegrationHub.Load.Probes;

namespace IntegrationHub.Load.Bus;

/// <summary><c>bus-send-1</c>: one sender awaiting each send; target ≥ 80 % of the disk's commit rate.</summary>
internal sealed class BusSendOneScenario : ILoadScenario
{
    public string Name => "bus-send-1";

    public string Description => "one sender awaiting each 1 KB send, client + in-process broker on 127.0.0.1 (target >= 80 % of the SQLite commit rate)";

    public Task RunAsync(LoadContext context, CancellationToken cancellationToken) =>
        SendLoad.RunAsync(context, senders: 1, targetPerSecond: null, cancellationToken);
}

/// <summary><c>bus-send-16</c>: 16 concurrent senders, each awaiting its own sends; target ≥ 10,000 msg/s.</summary>
internal sealed class BusSendSixteenScenario : ILoadScenario
{
    public string Name => "bus-send-16";

    public string Description => "16 concurrent senders each awaiting its own 1 KB sends, one connection, in-process broker (target >= 10,000 msg/s)";

    public Task RunAsync(LoadContext context, CancellationToken cancellationToken) =>
        SendLoad.RunAsync(context, senders: context.Int("senders", 16), targetPerSecond: 10_000, cancellationToken);
}

/// <summary>
/// Awaited single sends to a session queue for a fixed time after a warm-up; every accepted send is durable
/// (the broker settles only after the commit), so the rate is directly comparable with the commit rate.
/// </summary>
internal static class SendLoad
{
    public static async Task RunAsync(LoadContext context, int senders, double? targetPerSecond, CancellationToken cancellationToken)
    {
        var size = context.Int("size", 1024);
        var rounds = context.Int("rounds", 5);
        var slice = context.Seconds("seconds", 3);
        await using var broker = await BusRig.StartBrokerAsync(context, cancellationToken);
        await using var client = BusRig.CreateClient(broker.ConnectionString);
        var links = new IBusSender[senders];
        for (var i = 0; i < senders; i++)
        {
            links[i] = client.CreateSender(BusRig.SessionQueue);
        }

        // Warm-up: links attached, JIT done, the store's pages allocated.
        await RunSendersAsync(links, size, TimeSpan.FromSeconds(2), cancellationToken);

        // The disk's commit rate drifts by an order of magnitude while other work shares it, so the probe and the
        // sends alternate in short slices on the same disk and the totals are compared.
        var load = BusRig.LoadAverage();
        double commitSum = 0;
        double floorSum = 0;
        long sent = 0;
        var elapsed = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        var latencies = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var commits = SqliteCommitRate.Measure(context.DataDirectory, slice);

            // One awaited sender cannot beat a bare TCP round trip around the same commit: measure that too.
            var floor = senders == 1 ? TcpCommitFloor.Measure(context.DataDirectory, slice) : 0;
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var (n, time, lat) = await RunSendersAsync(links, size, slice, cancellationToken);
            cpu += Environment.CpuUsage.TotalTime - cpuBefore;
            LoadContext.Report($"slice {round + 1}: SQLite commits/s, then sends", commits, "commits/s",
                (senders == 1 ? $"TCP + commit floor {floor:#,0}/s; " : string.Empty) + $"{n / time.TotalSeconds:#,0} msg/s");
            commitSum += commits;
            floorSum += floor;
            sent += n;
            elapsed += time;
            latencies.AddRange(lat);
        }

        foreach (var link in links)
        {
            await link.DisposeAsync();
        }

        var commitRate = commitSum / rounds;
        var rate = sent / elapsed.TotalSeconds;
        latencies.Sort();
        LoadContext.Report("SQLite commits/s (fsync-bound), mean of the slices", commitRate, "commits/s", $"load {load}");
        if (senders == 1)
        {
            var floorRate = floorSum / rounds;
            LoadContext.Report("TCP round trip + commit, no protocol (the floor), mean of the slices", floorRate, "round trips/s",
                $"{floorRate / commitRate:P0} of the commit rate");
            LoadContext.Report("1 sender against the floor", rate / floorRate * 100, "%");
        }

        LoadContext.Report($"{senders} sender(s), awaited sends", rate, "msg/s",
            $"{rate / commitRate:P0} of the commit rate; load {load}" + (targetPerSecond is { } t ? $"; target {t:#,0}" : "; target 80 %"));
        // CPU per message (client and broker together, this process) does not depend on how busy the machine is.
        var cpuPerMessage = cpu.TotalMicroseconds / sent;
        LoadContext.Report("CPU per message, client + broker", cpuPerMessage, "µs",
            $"{Environment.ProcessorCount} cores fully ours would allow {Environment.ProcessorCount * 1_000_000 / cpuPerMessage:#,0} msg/s");
        LoadContext.Report("send latency p50", Percentile(latencies, 0.50), "ms");
        LoadContext.Report("send latency p99", Percentile(latencies, 0.99), "ms");
        LoadContext.Report("messages sent", sent, "msgs", $"in {elapsed.TotalSeconds:0.0} s; load now {BusRig.LoadAverage()}");
    }

    private static async Task<(long Sent, TimeSpan Elapsed, List<double> LatenciesMs)> RunSendersAsync(
        IBusSender[] links, int size, TimeSpan duration, CancellationToken cancellationToken)
    {
        long sent = 0;
        var latencies = new List<double>[links.Length];
        var clock = Stopwatch.StartNew();
        var workers = new Task[links.Length];
        for (var w = 0; w < links.Length; w++)
        {
            var link = links[w];
            var mine = latencies[w] = new List<double>(200_000);
            var session = "s" + w;
            workers[w] = Task.Run(async () =>
            {
                long n = 0;
                while (clock.Elapsed < duration)
                {
                    var started = Stopwatch.GetTimestamp();
                    await link.SendAsync(BusRig.Message(n++, session, size), cancellationToken).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref sent);
                }
            }, cancellationToken);
        }

        await Task.WhenAll(workers);
        var all = new List<double>();
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        return (sent, clock.Elapsed, all);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
