using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>Starts a hub service the way its Program.cs does (Generic Host, settings from variables).</summary>
public static class ServiceHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> variables, Action<IHostApplicationBuilder> addService)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables);
        builder.AddServiceDefaults("test-service");
        addService(builder);
        if (Environment.GetEnvironmentVariable("HUB_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole();
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }
}
