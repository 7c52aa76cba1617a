using IntegrationHub.ServiceDefaults.Configuration;
using IntegrationHub.ServiceDefaults.Health;
using IntegrationHub.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>How long a stopping service may take to finish or release the message in hand.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What every hub service shares: the existing system's common environment variables as validated settings,
    /// LOG_LEVEL, OpenTelemetry (logs, traces, metrics), the TCP health probe backed by health checks, and a
    /// graceful shutdown window.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddServiceSettings<ServiceIdentitySettings>();
        if (LogLevels.TryParse(builder.Configuration["LOG_LEVEL"], out var level))
        {
            builder.Logging.SetMinimumLevel(level);
        }

        builder.AddHubTelemetry(serviceName);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TcpHealthProbe>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TcpHealthProbe>());
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }
}
