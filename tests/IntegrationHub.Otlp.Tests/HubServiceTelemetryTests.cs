using System.Diagnostics.Metrics;
using IntegrationHub.ServiceDefaults;
using IntegrationHub.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Otlp.Tests;

/// <summary>
/// A host configured by the hub's own AddServiceDefaults, given only the environment the AppHost will give a
/// service (OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL / _HEADERS, OTEL_SERVICE_NAME): its telemetry reaches the store.
/// </summary>
public sealed class HubServiceTelemetryTests
{
    private const string ApiKey = "apphost-key";

    [Fact]
    public async Task A_service_configured_by_the_standard_variables_reports_logs_metrics_and_spans()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WORKFLOW_ID"] = "phw-to-mpi",
            ["MICROSERVICE_ID"] = "phw-hl7-server",
            ["HEALTH_CHECK_PORT"] = "0",
            ["OTEL_SERVICE_NAME"] = "phw-server",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUri.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"{OtlpEndpoints.ApiKeyHeader}={ApiKey}",
        });
        builder.AddServiceDefaults("phw-server");
        using var host = builder.Build();
        await host.StartAsync();
        var metricName = "hub.otlp.test." + Guid.NewGuid().ToString("N");
        var counter = HubTelemetry.Meter.CreateCounter<long>(metricName);

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Runtime.Server");
        using (var activity = HubTelemetry.Source.StartActivity("receive"))
        {
            TestLog.Rejected(logger, "MSG00003", 1);
            counter.Add(3, new KeyValuePair<string, object?>("flow", "phw"));
        }

        host.FlushLogs();
        host.FlushMetrics();
        host.FlushTraces();

        var log = await Eventually.ValueAsync(
            () => receiver.Store.QueryLogs(new LogQuery(Text: "MSG00003")).SingleOrDefault(), "the service's log record");
        var series = await Eventually.ValueAsync(
            () => receiver.Store.QueryMetrics(metricName: metricName).SingleOrDefault(), "the service's counter");
        await Eventually.ValueAsync(() => receiver.Store.TraceSpansReceived > 0 ? receiver.Store : null, "the service's span");

        Assert.Equal("phw-server", log.Resource);
        Assert.Equal(LogLevelNames.Warning, log.Level);
        Assert.Equal("IntegrationHub.Runtime.Server", log.Category);
        Assert.NotNull(log.TraceId);
        Assert.Equal("phw-server", series.Resource);
        Assert.Equal(3, series.Points[^1].Value);
        Assert.Contains("phw-server", receiver.Store.Resources);
        await host.StopAsync();
    }
}
