using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IntegrationHub.ServiceDefaults.Tests;

/// <summary>
/// A service without APPLICATIONINSIGHTS_CONNECTION_STRING must not load the Azure SDK: it costs resident memory
/// in every process. No test in this project configures Application Insights, so nothing else loads it here.
/// </summary>
public class TelemetryFootprintTests
{
    [Fact]
    public async Task Without_application_insights_the_azure_monitor_exporter_is_never_loaded()
    {
        using var host = SettingsTests.BuildHost(new Dictionary<string, string?>
        {
            ["WORKFLOW_ID"] = "phw-to-mpi",
            ["MICROSERVICE_ID"] = "phw-hl7-server",
            ["HEALTH_CHECK_PORT"] = "0",
        });
        await host.StartAsync();

        // Resolving the providers runs every telemetry configuration callback.
        Assert.NotNull(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("footprint"));
        Assert.NotNull(host.Services.GetRequiredService<TracerProvider>());
        Assert.NotNull(host.Services.GetRequiredService<MeterProvider>());
        await host.StopAsync();

        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToList();
        Assert.Contains("OpenTelemetry", loaded);
        Assert.DoesNotContain("Azure.Monitor.OpenTelemetry.Exporter", loaded);
        Assert.DoesNotContain("Azure.Identity", loaded);
    }
}
