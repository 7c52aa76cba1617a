using System.Globalization;
using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Load.Probes;

namespace IntegrationHub.Load.Runtime;

/// <summary>
/// <c>sender-throughput</c>: a backlog on the sender's queue, then the PHW sender executable (unthrottled) delivers
/// it to the mock MPI process; the rate is taken from the MPI's own arrival times (first to last message).
/// </summary>
internal sealed class SenderThroughputScenario : ILoadScenario
{
    public string Name => "sender-throughput";

    public string Description => "unthrottled PHW sender process delivering a queued backlog to the mock MPI process (msg/s)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var total = context.Int("messages", 20_000);
        var fsync = SqliteCommitRate.Measure(context.DataDirectory, context.Seconds("fsync-seconds", 3));
        LoadContext.Report("SQLite commits/s (fsync-bound)", fsync, "commits/s", $"load {MllpLoad.LoadAverage()}");

        await using var rig = await PhwRig.StartAsync(context);
        var sample = MllpLoad.PhwSample();
        var queue = rig.Bus.CreateSender(PhwRig.SenderIngress);
        var backlog = Enumerable.Range(0, total)
            .Select(i => new OutgoingMessage(MllpLoad.Payload(sample, $"SND{i}")) { SessionId = PhwRig.SenderSession, MessageId = $"SND{i}" })
            .ToList();
        await queue.SendInBatchesAsync(backlog, cancellationToken);

        var (_, mpiPort, httpPort) = await rig.StartMockMpiAsync();
        var sender = await rig.StartSenderAsync(mpiPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while ((await http.GetAsync($"/messages/{total}", cancellationToken)).StatusCode != System.Net.HttpStatusCode.OK)
        {
            sender.ThrowIfExited();
            sender.SampleMemory();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the mock MPI did not receive {total} messages in time");
            }

            await Task.Delay(250, cancellationToken);
        }

        sender.SampleMemory();
        using var records = JsonDocument.Parse(await http.GetStringAsync("/messages", cancellationToken));
        var arrivals = records.RootElement.EnumerateArray().Select(r => r.GetProperty("receivedAt").GetDateTimeOffset()).Order().ToList();
        var positive = records.RootElement.EnumerateArray().Count(r => r.GetProperty("response").GetString() == "AA");
        var rate = (arrivals.Count - 1) / (arrivals[^1] - arrivals[0]).TotalSeconds;
        var load = MllpLoad.LoadAverage();
        LoadContext.Report("sender → mock MPI: throughput", rate, "msg/s", $"{arrivals.Count} received, {positive} AA; fsync {fsync:F0} commits/s; load {load}");
        LoadContext.Report("PHW sender RSS, peak while delivering", sender.PeakRssBytes / 1048576.0, "MB",
            string.Create(CultureInfo.InvariantCulture, $"VmHWM {sender.HighWaterMarkBytes / 1048576.0:F1} MB"));
    }
}
