using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Runtime.Bus;

public static class BusRegistration
{
    /// <summary>The process's one bus client (from SERVICE_BUS_CONNECTION_STRING or SERVICE_BUS_NAMESPACE) and its health check.</summary>
    public static IServiceCollection AddHubBus(this IServiceCollection services)
    {
        services.AddServiceSettings<BusSettings>();
        // The options come from the settings; a host may adjust them with services.Configure<BusClientOptions>(…),
        // e.g. a test pointing a namespace at a local broker with its own TokenCredential.
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<BusSettings>().ToClientOptions();
            foreach (var configure in sp.GetServices<IConfigureOptions<BusClientOptions>>())
            {
                configure.Configure(options);
            }

            return options;
        });
        services.TryAddSingleton(sp => BusClientFactory.Create(
            sp.GetRequiredService<BusClientOptions>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BusHealth>();
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "service-bus", sp => sp.GetRequiredService<BusHealth>(), null, null));
        return services;
    }
}
