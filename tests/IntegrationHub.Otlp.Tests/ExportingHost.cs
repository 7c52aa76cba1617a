using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationHub.Otlp.Tests;

/// <summary>
/// A generic host with the real OpenTelemetry .NET SDK and OTLP exporter (HTTP + protobuf) pointed at a receiver:
/// the sending side exactly as a service has it, with the API key in OTEL_EXPORTER_OTLP_HEADERS.
/// </summary>
internal static class ExportingHost
{
    public const string Service = "phw-server";

    public static readonly double[] LatencyBounds = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    public static IHost Build(ReceiverHost receiver, string? apiKey, string meterName, string sourceName)
    {
        // No defaults: the machine's own OTEL_* environment variables must not leak into the test.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Metrics leave only when a test flushes them, so each test knows exactly how many points to expect.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "3600000",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = apiKey is null ? null : $"{OtlpEndpoints.ApiKeyHeader}={apiKey}",
        });

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Service))
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .WithMetrics(metrics => metrics
                .AddMeter(meterName)
                .AddView("hub.message.latency", new ExplicitBucketHistogramConfiguration { Boundaries = LatencyBounds }))
            .WithTracing(tracing => tracing.AddSource(sourceName))
            .UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, receiver.BaseUri);
        return builder.Build();
    }

    /// <summary>Exports what the SDK holds now; the OTLP/HTTP exporter sends synchronously inside the flush.</summary>
    public static void FlushLogs(this IHost host) =>
        host.Services.GetRequiredService<LoggerProvider>().ForceFlush(30_000);

    public static void FlushMetrics(this IHost host) =>
        host.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000);

    public static void FlushTraces(this IHost host) =>
        host.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000);
}
