using IntegrationHub.Bus;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Bus;

public static class BusRegistration
{
    /// <summary>The process's one bus client (from SERVICE_BUS_CONNECTION_STRING or SERVICE_BUS_NAMESPACE) and its health check.</summary>
    public static IServiceCollection AddHubBus(this IServiceCollection services)
    {
        services.AddServiceSettings<BusSettings>();
        services.TryAddSingleton(sp => BusClientFactory.Create(
            sp.GetRequiredService<BusSettings>().ToClientOptions(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BusHealth>();
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "service-bus", sp => sp.GetRequiredService<BusHealth>(), null, null));
        return services;
    }
}
