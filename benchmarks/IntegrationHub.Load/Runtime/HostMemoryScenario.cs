using System.Globalization;
using System.Net;

namespace IntegrationHub.Load.Runtime;

/// <summary>
/// <c>host-rss</c>: the whole PHW flow as separate processes (server, transformer, sender, mock MPI) under a steady
/// load of 16 source connections; the resident memory of each host is sampled throughout and until the MPI has every
/// acknowledged message.
/// </summary>
internal sealed class HostMemoryScenario : ILoadScenario
{
    public string Name => "host-rss";

    public string Description => "RSS of the PHW server, transformer and sender processes under load (target <= 80 MB each)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var duration = context.Seconds("seconds", 30);
        var connections = context.Int("connections", 16);
        await using var rig = await PhwRig.StartAsync(context);
        var (_, mpiPort, httpPort) = await rig.StartMockMpiAsync();
        var sender = await rig.StartSenderAsync(mpiPort);
        var transformer = await rig.StartTransformerAsync();
        var (server, port) = await rig.StartServerAsync();
        HubProcess[] hosts = [server, transformer, sender];
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var idle = hosts.Select(h => h.SampleMemory() / 1048576.0).ToArray();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                foreach (var host in hosts)
                {
                    host.SampleMemory();
                }

                await Task.Delay(250, CancellationToken.None);
            }
        }, CancellationToken.None);

        var sample = MllpLoad.PhwSample();
        var acked = 0;
        var next = 0;
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (DateTime.UtcNow < until)
            {
                var (ok, _) = await MllpLoad.SendAsync(port, MllpLoad.Frame(sample, $"E2E{Interlocked.Increment(ref next)}"));
                if (ok)
                {
                    Interlocked.Increment(ref acked);
                }
            }
        }));
        var ingestRate = acked / duration.TotalSeconds;
        var ingestLoad = MllpLoad.LoadAverage();

        // Keep sampling while the transformer and sender work through the backlog (at most --drain seconds).
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        var drainStart = DateTime.UtcNow;
        var deadline = drainStart + context.Seconds("drain", 60);
        while ((await http.GetAsync($"/messages/{acked}", cancellationToken)).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            Array.ForEach(hosts, h => h.ThrowIfExited());
            await Task.Delay(500, cancellationToken);
        }

        using var records = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/messages", cancellationToken));
        var delivered = records.RootElement.GetArrayLength();
        var elapsed = DateTime.UtcNow - drainStart + duration;
        await sampling.CancelAsync();
        await sampler;
        LoadContext.Report("PHW flow: ingest with 16 connections", ingestRate, "msg/s", $"{acked} acknowledged; load {ingestLoad}");
        LoadContext.Report("PHW flow: delivered to the MPI", delivered / elapsed.TotalSeconds, "msg/s",
            string.Create(CultureInfo.InvariantCulture, $"{delivered} of {acked} in {elapsed.TotalSeconds:F0} s (first send to end of sampling)"));
        for (var i = 0; i < hosts.Length; i++)
        {
            LoadContext.Report($"{hosts[i].Name} RSS, peak", hosts[i].PeakRssBytes / 1048576.0, "MB",
                string.Create(CultureInfo.InvariantCulture, $"idle after start {idle[i]:F1} MB; VmHWM {hosts[i].HighWaterMarkBytes / 1048576.0:F1} MB; load {MllpLoad.LoadAverage()}"));
        }
    }
}
