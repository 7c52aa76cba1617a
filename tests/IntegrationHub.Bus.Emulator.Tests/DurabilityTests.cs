using System.Diagnostics;
using Amqp;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Restart_keeps_unsettled_messages_and_forgets_completed_ones()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("durable", TestBroker.Fast()));
        var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync("durable", SbClient.Text($"m{i}", $"id{i}"));
        }

        var (rx, _) = await client.ReceiverAsync("durable");
        rx.SetCredit(4, CreditMode.Manual, 0);
        var locked = new List<Message>();
        for (var i = 0; i < 4; i++)
        {
            locked.Add(await rx.ReceiveAsync(TimeSpan.FromSeconds(5)));
        }

        // m0, m1 completed (confirmed durable); m2, m3 stay locked across the restart.
        await CompleteAsync(client, "durable", locked[0], locked[1]);
        await client.DisposeAsync();
        await broker.RestartAsync();

        await using var after = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var (rx2, _) = await after.ReceiverAsync("durable");
        rx2.SetCredit(10, CreditMode.Manual, 0);
        var bodies = new List<string>();
        while (await rx2.ReceiveAsync(TimeSpan.FromMilliseconds(500)) is { } m)
        {
            bodies.Add(SbClient.BodyText(m));
            rx2.Accept(m);
        }

        Assert.Equal(["m2", "m3", "m4", "m5"], bodies);
    }

    [Fact]
    public async Task Killing_the_broker_process_loses_no_acknowledged_message()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var configPath = Path.Combine(dir, "config.json");
        await File.WriteAllTextAsync(configPath, """
            {
              "UserConfig": {
                "Namespaces": [ { "Name": "sbemulatorns", "Queues": [ { "Name": "crash", "Properties": { "LockDuration": "PT1M", "MaxDeliveryCount": 10 } } ], "Topics": [] } ],
                "Logging": { "Type": "Console" }
              }
            }
            """);

        var (process, port) = await StartProcessAsync(configPath, Path.Combine(dir, "data"));
        int acknowledged;
        try
        {
            var client = await SbClient.ConnectAuthorizedAsync(port);
            var sender = client.Sender("crash");
            for (acknowledged = 0; acknowledged < 40; acknowledged++)
            {
                await sender.SendAsync(SbClient.Text($"m{acknowledged}", $"id{acknowledged}"));
            }

            var (rx, _) = await client.ReceiverAsync("crash");
            rx.SetCredit(10, CreditMode.Manual, 0);
            var received = new List<Message>();
            for (var i = 0; i < 10; i++)
            {
                received.Add(await rx.ReceiveAsync(TimeSpan.FromSeconds(5)));
            }

            // Five settled durably, five still locked; more sends keep the writer busy while we kill it.
            await CompleteAsync(client, "crash", [.. received.Take(5)]);
            var inFlight = Enumerable.Range(0, 20).Select(i => sender.SendAsync(SbClient.Text($"late{i}"))).ToList();
            process.Kill(entireProcessTree: true);
            foreach (var send in inFlight)
            {
                try
                {
                    await send;
                    acknowledged++;
                }
                catch (Exception ex) when (ex is AmqpException or OperationCanceledException or ObjectDisposedException or IOException or TimeoutException)
                {
                    // Not acknowledged: allowed to be lost.
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        // Same data directory, in process this time.
        await using var broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(dir, "data"),
            Config = BrokerConfig.Load(configPath),
        });
        await using var after = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var (rx2, _) = await after.ReceiverAsync("crash");
        rx2.SetCredit(100, CreditMode.Manual, 0);
        var bodies = new HashSet<string>();
        while (await rx2.ReceiveAsync(TimeSpan.FromMilliseconds(500)) is { } m)
        {
            Assert.True(bodies.Add(SbClient.BodyText(m)), "a message came back twice");
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.DoesNotContain($"m{i}", bodies); // completed before the crash
        }

        for (var i = 5; i < 40; i++)
        {
            Assert.Contains($"m{i}", bodies); // acknowledged, locked or never received
        }

        Assert.True(bodies.Count >= acknowledged - 5, $"{bodies.Count} messages survived, {acknowledged - 5} were acknowledged and not completed");
        await broker.StopAsync();
        TestBroker.TryDelete(dir);
    }

    [Fact]
    public async Task A_second_broker_cannot_open_the_same_data_directory()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("q", TestBroker.Fast()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            DataDirectory = broker.DataDirectory,
            Config = broker.Config,
        }));
    }

    internal static async Task CompleteAsync(SbClient client, string entity, params Message[] messages)
    {
        var (status, _) = await client.ManagementAsync(entity, "com.microsoft:update-disposition", new Map
        {
            ["disposition-status"] = "completed",
            ["lock-tokens"] = messages.Select(SbClient.LockToken).ToArray(),
        });
        Assert.Equal(200, status);
    }

    internal static async Task<(Process Process, int Port)> StartProcessAsync(string configPath, string dataDir)
    {
        var port = FreePort();
        var exe = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Bus.Emulator.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { exe, "--config", configPath, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDir })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("READY", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (process, port);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
