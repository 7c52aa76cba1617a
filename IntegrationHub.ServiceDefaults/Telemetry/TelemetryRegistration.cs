using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationHub.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for a hub service: logs, traces and metrics; exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set (with the managed identity <c>INSIGHTS_UAMI_CLIENT_ID</c> when given); the console logger otherwise.
/// Only the hub's own sources are recorded: no automatic instrumentation, so metric series stay bounded.
/// </summary>
internal static class TelemetryRegistration
{
    public static void AddHubTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var configuration = builder.Configuration;
        var name = NonBlank(configuration["OTEL_SERVICE_NAME"]) ?? NonBlank(configuration["MICROSERVICE_ID"]) ?? serviceName;
        var otlp = NonBlank(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is not null;
        var appInsights = NonBlank(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var identity = NonBlank(configuration["INSIGHTS_UAMI_CLIENT_ID"]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (appInsights is not null)
            {
                AzureMonitorExport.AddLogs(logging, appInsights, identity);
            }
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(name, serviceVersion: "1.0.0"))
            .WithTracing(tracing =>
            {
                // The hub's own spans and the bus client's (which carries trace context across queues).
                tracing.AddSource(HubTelemetry.Name, HubTelemetry.Name + ".Bus");
                if (appInsights is not null)
                {
                    AzureMonitorExport.AddTraces(tracing, appInsights, identity);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HubTelemetry.Name);
                if (appInsights is not null)
                {
                    AzureMonitorExport.AddMetrics(metrics, appInsights, identity);
                }
            });

        if (otlp)
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.UseOtlpExporter();
        }
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
