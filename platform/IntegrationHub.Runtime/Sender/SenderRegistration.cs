using IntegrationHub.Bus;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Store;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Sender;

public static class SenderRegistration
{
    /// <summary>A sender service (spec §8) delivering its ingress session to RECEIVER_MLLP_HOST:RECEIVER_MLLP_PORT.</summary>
    public static IHostApplicationBuilder AddHl7Sender(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddHubRuntime();
        services.AddServiceSettings<SenderSettings>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<SenderSettings>();
            return new MllpClient(
                new MllpClientOptions
                {
                    Host = settings.ReceiverHost,
                    Port = settings.ReceiverPort,
                    ConnectTimeout = settings.AckTimeout,
                    AckTimeout = settings.AckTimeout,
                    Tls = settings.ReceiverTls,
                },
                sp.GetRequiredService<ILogger<MllpClient>>());
        });
        services.AddSingleton(sp => new Throttle(sp.GetRequiredService<SenderSettings>().MaxMessagesPerMinute, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<SenderSettings>();
            return new DeliveredLog(settings.StateDirectory, settings.DuplicateWindow, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new MessageStoreClient(
            sp.GetRequiredService<IBusClient>(),
            sp.GetRequiredService<SenderSettings>().MessageStoreQueue,
            sp.GetRequiredService<ILogger<MessageStoreClient>>()));
        services.AddSingleton<SenderHandler>();
        services.AddSingleton<SenderService>();
        services.AddHostedService(sp => sp.GetRequiredService<SenderService>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("destination", sp => sp.GetRequiredService<SenderService>(), null, null));
        return builder;
    }
}
