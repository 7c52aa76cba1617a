using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Runtime;

public static class RuntimeRegistration
{
    /// <summary>What every host of the runtime shares: the bus, the event logger and the dashboard metrics.</summary>
    public static IServiceCollection AddHubRuntime(this IServiceCollection services)
    {
        services.AddHubBus();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventLogger>();
        services.TryAddSingleton<HubMetrics>();
        return services;
    }
}
