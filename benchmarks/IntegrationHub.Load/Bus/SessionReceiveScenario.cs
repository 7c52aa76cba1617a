using System.Diagnostics;
using IntegrationHub.Bus;

namespace IntegrationHub.Load.Bus;

/// <summary>
/// <c>bus-session-receive</c>: one session receiver takes a preloaded session in order, completing every message;
/// target ≥ 10,000 msg/s. The clock stops when the broker's store reports the entity empty, so the completions'
/// commits are inside the measurement.
/// </summary>
internal sealed class SessionReceiveScenario : ILoadScenario
{
    public string Name => "bus-session-receive";

    public string Description => "one session receiver, peek-lock receive + complete of 1 KB messages in FIFO order, in-process broker (target >= 10,000 msg/s)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var commitRate = BusRig.ReportCommitRate(context);
        var count = context.Int("messages", 200_000);
        var prefetch = context.Int("prefetch", 500);
        var batch = context.Int("batch", 100);
        await using var broker = await BusRig.StartBrokerAsync(context, cancellationToken);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{broker.AdminPort}") };
        await using var client = BusRig.CreateClient(broker.ConnectionString);
        var filling = Stopwatch.StartNew();
        await BusRig.FillAsync(client, BusRig.SessionQueue, ["fifo"], count, context.Int("size", 1024), cancellationToken);
        LoadContext.Report("preload, one sender, awaited batches of 200", count / filling.Elapsed.TotalSeconds, "msg/s");
        var stored = await BusRig.StoredCountAsync(admin, BusRig.SessionQueue, cancellationToken);
        if (stored != count)
        {
            throw new InvalidOperationException($"Preloaded {stored} messages, expected {count}.");
        }

        var load = BusRig.LoadAverage();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await using (var receiver = await client.CreateReceiverAsync(
            new ReceiverOptions { EntityPath = BusRig.SessionQueue, SessionMode = SessionMode.Named, SessionId = "fifo", PrefetchCount = prefetch },
            cancellationToken))
        {
            long expected = 0;
            while (expected < count)
            {
                var messages = await receiver.ReceiveAsync(batch, TimeSpan.FromSeconds(30), cancellationToken);
                if (messages.Count == 0)
                {
                    throw new InvalidOperationException($"Nothing received after message {expected} of {count}.");
                }

                foreach (var message in messages)
                {
                    if (BusRig.NumberOf(message) != expected)
                    {
                        throw new InvalidOperationException($"Out of order: got {BusRig.NumberOf(message)}, expected {expected}.");
                    }

                    expected++;
                    await receiver.CompleteAsync(message, cancellationToken);
                }
            }

            LoadContext.Report("received + completed (client side)", count / clock.Elapsed.TotalSeconds, "msg/s", $"load {load}");
        }

        // Completions are link dispositions: wait until the broker has committed every delete.
        var deadline = Stopwatch.StartNew();
        while (await BusRig.StoredCountAsync(admin, BusRig.SessionQueue, cancellationToken) > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("The queue did not empty after every message was completed.");
            }

            await Task.Delay(20, cancellationToken);
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        var cpuPerMessage = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / count;
        LoadContext.Report("CPU per message, client + broker", cpuPerMessage, "µs",
            $"{Environment.ProcessorCount} cores fully ours would allow {Environment.ProcessorCount * 1_000_000 / cpuPerMessage:#,0} msg/s");
        LoadContext.Report("session receive + complete, in order, until the store is empty", rate, "msg/s",
            $"{count:#,0} msgs, prefetch {prefetch}, batch {batch}; commit rate {commitRate:#,0}/s; load {load}; target 10,000");
    }
}
