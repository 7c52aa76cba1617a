using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using IntegrationHub.Bus;

namespace IntegrationHub.Load.Bus;

/// <summary>
/// <c>bus-memory-1m</c>: the broker's resident memory with 1,000,000 ~1 KB messages stored (target ≤ 200 MB).
/// The broker runs as its own process (the emulator executable) so only its memory is counted; the client fills it
/// over AMQP, then VmRSS is read from /proc/&lt;pid&gt;/status as is and after a full compacting GC (admin API), and
/// sampled while one session receiver drains part of the backlog.
/// </summary>
internal sealed class BrokerMemoryScenario : ILoadScenario
{
    public string Name => "bus-memory-1m";

    public string Description => "broker process RSS with 1,000,000 stored 1 KB messages, and while draining (target <= 200 MB)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        BusRig.ReportCommitRate(context);
        var count = context.Int("messages", 1_000_000);
        var sessions = context.Int("sessions", 10);
        var drain = context.Int("drain", 100_000);
        await using var broker = await BrokerProcess.StartAsync(context, cancellationToken);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{broker.AdminPort}") };
        LoadContext.Report("broker RSS, empty", broker.RssMegabytes(), "MB");
        await using var client = BusRig.CreateClient(BusRig.ConnectionString(broker.AmqpPort));
        var clock = Stopwatch.StartNew();
        var perSession = count / sessions;
        var names = Enumerable.Range(0, sessions).Select(s => "s" + s.ToString(CultureInfo.InvariantCulture)).ToList();
        await BusRig.FillAsync(client, BusRig.SessionQueue, names, perSession, context.Int("size", 1024), cancellationToken);

        var stored = await BusRig.StoredCountAsync(admin, BusRig.SessionQueue, cancellationToken);
        LoadContext.Report("stored (awaited batches of 200, one sender per session)", stored / clock.Elapsed.TotalSeconds, "msg/s", $"{stored:#,0} msgs in {clock.Elapsed.TotalSeconds:0} s");
        var load = BusRig.LoadAverage();
        LoadContext.Report($"broker RSS, {stored:#,0} stored", broker.RssMegabytes(), "MB", $"no forced GC; load {load}");
        var afterGc = await admin.GetFromJsonAsync<MemoryView>("/api/memory", cancellationToken);
        LoadContext.Report($"broker RSS, {stored:#,0} stored, after full GC", afterGc!.RssBytes / 1048576.0, "MB",
            $"managed heap {afterGc.ManagedBytes / 1048576.0:0} MB; load {load}; target 200 MB");

        double peak = 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, broker.RssMegabytes());
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        await using (var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForSession(BusRig.SessionQueue, "s0") with { PrefetchCount = 500 }, cancellationToken))
        {
            var taken = 0;
            while (taken < Math.Min(drain, perSession))
            {
                foreach (var message in await receiver.ReceiveAsync(100, TimeSpan.FromSeconds(30), cancellationToken))
                {
                    await receiver.CompleteAsync(message, cancellationToken);
                    taken++;
                }
            }
        }

        await sampling.CancelAsync();
        await sampler;
        LoadContext.Report($"broker RSS peak while draining {Math.Min(drain, perSession):#,0}", peak, "MB", $"sampled every 100 ms; load {BusRig.LoadAverage()}");
        afterGc = await admin.GetFromJsonAsync<MemoryView>("/api/memory", cancellationToken);
        LoadContext.Report("broker RSS after draining, after full GC", afterGc!.RssBytes / 1048576.0, "MB",
            $"{await BusRig.StoredCountAsync(admin, BusRig.SessionQueue, cancellationToken):#,0} still stored");
    }

    private sealed record MemoryView(long RssBytes, long ManagedBytes);

    /// <summary>The emulator executable (copied beside this program by the project reference) as a child process.</summary>
    private sealed class BrokerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private BrokerProcess(Process process, int amqpPort, int adminPort)
        {
            _process = process;
            AmqpPort = amqpPort;
            AdminPort = adminPort;
        }

        public int AmqpPort { get; }

        public int AdminPort { get; }

        public static async Task<BrokerProcess> StartAsync(LoadContext context, CancellationToken cancellationToken)
        {
            var config = Path.Combine(context.DataDirectory, "broker-config.json");
            await File.WriteAllTextAsync(config, """
                {"UserConfig":{"Namespaces":[{"Name":"sbemulatorns","Queues":[
                  {"Name":"load-sessions","Properties":{"RequiresSession":true,"LockDuration":"PT5M","DefaultMessageTimeToLive":"P1D","MaxDeliveryCount":10}}
                ],"Topics":[]}],"Logging":{"Type":"Console"}}}
                """, cancellationToken);
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Bus.Emulator.dll"),
                "--config", config, "--port", "0", "--admin-port", "0", "--data", context.NewFolder("broker"),
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The broker did not start.");
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Console.Error.WriteLine("broker: " + e.Data);
                }
            };
            process.BeginErrorReadLine();
            using var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ready.CancelAfter(TimeSpan.FromMinutes(1));
            while (await process.StandardOutput.ReadLineAsync(ready.Token) is { } line)
            {
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    // READY amqp=P amqps= admin=A
                    var fields = line.Split(' ').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
                    _ = DrainAsync(process.StandardOutput);
                    return new BrokerProcess(process, int.Parse(fields["amqp"], CultureInfo.InvariantCulture), int.Parse(fields["admin"], CultureInfo.InvariantCulture));
                }
            }

            throw new InvalidOperationException("The broker exited before it was ready.");
        }

        public double RssMegabytes()
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
                }
            }

            throw new InvalidOperationException("VmRSS not found.");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static async Task DrainAsync(StreamReader output)
        {
            while (await output.ReadLineAsync() is not null)
            {
                // Keep the pipe empty so the broker's console logging never blocks it.
            }
        }
    }
}
