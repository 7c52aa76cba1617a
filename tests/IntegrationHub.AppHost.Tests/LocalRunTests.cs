using System.Diagnostics;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Mllp;
using IntegrationHub.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.AppHost.Tests;

/// <summary>The AppHost for real: the Paris flow as processes on free ports, a message through to the mock MPI.</summary>
public sealed class LocalRunTests : IDisposable
{
    private static readonly string SamplePath = SharedData.Path("samples", "paris-to-mpi.sample.hl7");
    private readonly string _data = Path.Combine(Path.GetTempPath(), "apphost-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Paris_runs_as_processes_delivers_a_message_to_the_mock_mpi_and_stops_without_leftovers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var options = new AppHostOptions
        {
            Flows = new HashSet<string> { "paris" },
            DataDirectory = _data,
            FreePorts = true,
            EchoOutput = false,
            StartupTimeout = TimeSpan.FromSeconds(45),
        };
        var model = HubTopology.Describe(options);
        var runner = new HubRunner(model, options, NullLoggerFactory.Instance);
        List<int> pids;
        try
        {
            await runner.StartAsync(timeout.Token);
            pids = runner.Processes.Select(p => p.ProcessId!.Value).ToList();
            Assert.Equal(3, pids.Count);
            Assert.All(runner.Processes, p => Assert.Equal(ResourceState.Healthy, p.State));

            var message = (await File.ReadAllTextAsync(SamplePath, timeout.Token)).ReplaceLineEndings("\r").TrimEnd('\r');
            await using var client = new MllpClient(new MllpClientOptions { Port = model.Flows[0].Server.PortOf("mllp")!.Value, AckTimeout = TimeSpan.FromSeconds(20) });
            var result = await client.SendAsync(message, timeout.Token);
            Assert.True(result.IsAckReceived, result.Error);
            Assert.Contains("MSA|AA|", result.ResponseText, StringComparison.Ordinal);

            var received = await WaitForFileAsync(Path.Combine(_data, "mock-mpi"), timeout.Token);
            Assert.Contains("185352920250619115040", Path.GetFileName(received.Path), StringComparison.Ordinal);
            Assert.Equal(message, received.Content);

            // A crash is followed by a restart (after the first 1 s back-off) to a healthy service.
            var server = runner["paris-server"];
            using (var crashed = Process.GetProcessById(server.ProcessId!.Value))
            {
                crashed.Kill();
            }

            await WaitUntilAsync(() => server.Restarts == 1 && server.State == ResourceState.Healthy, timeout.Token);
            Assert.DoesNotContain(server.ProcessId!.Value, pids);
            pids.Add(server.ProcessId.Value);

            // Ctrl+C in a terminal: the services get the signal with the AppHost and may exit before it stops them.
            // Once the hub is stopping, such an exit is not a crash to restart.
            runner.BeginStopping();
            var sender = runner["paris-sender"];
            using (var signalled = Process.GetProcessById(sender.ProcessId!.Value))
            {
                Signals.RequestStop(signalled);
                await signalled.WaitForExitAsync(timeout.Token);
            }

            await WaitUntilAsync(() => sender.State == ResourceState.Stopped, timeout.Token);
            await Task.Delay(TimeSpan.FromSeconds(1.5), timeout.Token); // past the first restart back-off
            Assert.Equal(0, sender.Restarts);
            Assert.Equal(ResourceState.Stopped, sender.State);
        }
        finally
        {
            await runner.DisposeAsync();
        }

        Assert.All(runner.Processes, p => Assert.Equal(ResourceState.Stopped, p.State));
        Assert.All(pids, pid => Assert.False(Processes.IsRunning(pid), $"process {pid} is still running"));
        Assert.True(File.Exists(Path.Combine(_data, "logs", "paris-server.log")));
    }

    /// <summary>The first recorded message once its file has content that stopped changing (the mock may still be writing).</summary>
    private static async Task<(string Path, string Content)> WaitForFileAsync(string directory, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var previous = string.Empty;
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory, "*.hl7").FirstOrDefault() is { } file)
            {
                var content = await File.ReadAllTextAsync(file, cancellationToken);
                if (content.Length > 0 && content == previous)
                {
                    return (file, content);
                }

                previous = content;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"Nothing arrived in {directory}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(100, cancellationToken);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the test for.
        }
    }
}
