using IntegrationHub.Bus;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;
using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Events;
using IntegrationHub.Runtime.Server.Validation;
using IntegrationHub.Runtime.Store;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Server;

public static class Hl7ServerRegistration
{
    /// <summary>
    /// The MLLP server of spec §2 with its settings from the environment. A flow adds its own rules with
    /// <c>services.AddSingleton&lt;IMessageRule, MyRule&gt;()</c>, bus properties with <see cref="IBusPropertyProvider"/>,
    /// and its code-first structure rules as an <see cref="IStructureValidation"/>, used when no schema directory
    /// (HL7_VALIDATION_SCHEMA_DIR) is configured; with one, the flow's XSDs decide.
    /// </summary>
    public static IHostApplicationBuilder AddHl7Server(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddHubRuntime();
        services.AddServiceSettings<Hl7ServerSettings>();
        services.AddSingleton(sp => new MessageStoreClient(
            sp.GetRequiredService<IBusClient>(),
            sp.GetRequiredService<Hl7ServerSettings>().MessageStoreQueue,
            sp.GetRequiredService<ILogger<MessageStoreClient>>()));
        services.AddSingleton(sp => new Hl7ServerPipeline(
            sp.GetRequiredService<Hl7ServerSettings>(),
            sp.GetRequiredService<ServiceIdentitySettings>(),
            sp.GetRequiredService<IBusClient>(),
            sp.GetRequiredService<BusHealth>(),
            sp.GetRequiredService<MessageStoreClient>(),
            sp.GetRequiredService<EventLogger>(),
            sp.GetRequiredService<HubMetrics>(),
            sp.GetServices<IMessageRule>(),
            sp.GetServices<IBusPropertyProvider>(),
            StructureValidationFor(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Hl7ServerPipeline>>()));
        services.AddSingleton<Hl7ServerService>();
        services.AddHostedService(sp => sp.GetRequiredService<Hl7ServerService>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("mllp-listener", sp => sp.GetRequiredService<Hl7ServerService>(), null, null));
        return builder;
    }

    private static IStructureValidation? StructureValidationFor(IServiceProvider services)
    {
        var settings = services.GetRequiredService<Hl7ServerSettings>();
        if (settings.ValidationFlow is null or "mpi")
        {
            return null;
        }

        if (settings.SchemaDirectory is null)
        {
            return services.GetService<IStructureValidation>();
        }

        var catalog = new FlowSchemaCatalog(settings.SchemaDirectory);

        // Compiling a flow's XSDs takes most of a second: do it at start, not on the first message.
        catalog.LoadAll(settings.ValidationFlow);
        return new XsdStructureValidation(settings.ValidationFlow, new FlowXmlValidator(catalog));
    }
}
