using IntegrationHub.Bus;
using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime;

public static class RuntimeRegistration
{
    /// <summary>
    /// What every host of the runtime shares: the bus, the event logger, the dashboard metrics and, when
    /// AUDIT_QUEUE_NAME is set, the audit queue that feeds the dashboard's message journey.
    /// </summary>
    public static IHostApplicationBuilder AddHubRuntime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(EventLogger)))
        {
            return builder;
        }

        services.AddHubBus();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventLogger>();
        services.AddSingleton<HubMetrics>();
        var auditQueue = builder.Configuration["AUDIT_QUEUE_NAME"];
        if (!string.IsNullOrWhiteSpace(auditQueue))
        {
            services.AddSingleton(sp => new AuditQueueSink(sp.GetRequiredService<IBusClient>(), auditQueue.Trim(), sp.GetRequiredService<ILogger<AuditQueueSink>>()));
            services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditQueueSink>());
            services.AddHostedService(sp => sp.GetRequiredService<AuditQueueSink>());
        }

        return builder;
    }
}
