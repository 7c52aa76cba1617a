using System.Net.Sockets;
using IntegrationHub.ServiceDefaults.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.ServiceDefaults.Tests;

public class HealthProbeTests
{
    private sealed class Switch : IHealthCheck
    {
        public volatile bool Healthy = true;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
    }

    [Fact]
    public async Task The_probe_accepts_connections_only_while_every_check_is_healthy()
    {
        var health = new Switch();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WORKFLOW_ID"] = "w",
            ["MICROSERVICE_ID"] = "m",
            ["HEALTH_CHECK_PORT"] = "0",
        });
        builder.AddServiceDefaults("test");
        builder.Services.AddHealthChecks().AddCheck("switch", health);
        using var host = builder.Build();
        await host.StartAsync();
        var probe = host.Services.GetRequiredService<TcpHealthProbe>();
        var endpoint = await probe.BoundEndpoint.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await CanConnectAsync(endpoint.Port));

        health.Healthy = false;
        Assert.True(await EventuallyAsync(async () => !await CanConnectAsync(endpoint.Port)));

        health.Healthy = true;
        Assert.True(await EventuallyAsync(() => CanConnectAsync(endpoint.Port)));
        await host.StopAsync();
        Assert.False(await CanConnectAsync(endpoint.Port));
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
