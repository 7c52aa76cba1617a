using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IntegrationHub.ServiceDefaults.Telemetry;

/// <summary>
/// The Azure Monitor exporters, kept apart from <see cref="TelemetryRegistration"/> so that a service without
/// APPLICATIONINSIGHTS_CONNECTION_STRING never loads the Azure SDK assemblies (a few megabytes of resident memory).
/// The methods are not inlined: inlining would pull the Azure types into the caller's compilation.
/// </summary>
internal static class AzureMonitorExport
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddLogs(OpenTelemetryLoggerOptions logging, string connectionString, string? managedIdentityClientId) =>
        logging.AddAzureMonitorLogExporter(o => Configure(o, connectionString, managedIdentityClientId));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddTraces(TracerProviderBuilder tracing, string connectionString, string? managedIdentityClientId) =>
        tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString, managedIdentityClientId));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddMetrics(MeterProviderBuilder metrics, string connectionString, string? managedIdentityClientId) =>
        metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString, managedIdentityClientId));

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, string? managedIdentityClientId)
    {
        options.ConnectionString = connectionString;
        TokenCredential credential = managedIdentityClientId is not null
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId))
            : new DefaultAzureCredential();
        options.Credential = credential;
    }
}
