using IntegrationHub.Runtime.Events;
using IntegrationHub.ServiceDefaults;
using IntegrationHub.ServiceDefaults.Configuration;
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
        // The hub's own metrics, as the server, transformer and sender hosts record them.
        var metrics = new HubMetrics(host.Services.GetRequiredService<ServiceIdentitySettings>());

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Runtime.Server");
        using (var activity = HubTelemetry.Source.StartActivity("receive"))
        {
            TestLog.Rejected(logger, "MSG00003", 1);
            for (var ms = 1; ms <= 20; ms++)
            {
                metrics.MessageReceived();
                metrics.MessageLatency(TimeSpan.FromMilliseconds(ms));
            }
        }

        host.FlushLogs();
        host.FlushMetrics();
        host.FlushTraces();

        var log = await Eventually.ValueAsync(
            () => receiver.Store.QueryLogs(new LogQuery(Text: "MSG00003")).SingleOrDefault(), "the service's log record");
        var received = await Eventually.ValueAsync(
            () => receiver.Store.QueryMetrics("phw-server", "messages_received").SingleOrDefault(), "the service's counter");
        var latency = await Eventually.ValueAsync(
            () => receiver.Store.QueryMetrics("phw-server", "message_latency_seconds").SingleOrDefault(), "the service's latency");
        await Eventually.ValueAsync(() => receiver.Store.TraceSpansReceived > 0 ? receiver.Store : null, "the service's span");

        Assert.Equal("phw-server", log.Resource);
        Assert.Equal(LogLevelNames.Warning, log.Level);
        Assert.Equal("IntegrationHub.Runtime.Server", log.Category);
        Assert.NotNull(log.TraceId);
        Assert.Equal(20, received.Points[^1].Value);
        Assert.Equal("phw-to-mpi", received.Attributes["workflow_id"]);
        Assert.Equal("phw-hl7-server", received.Attributes["microservice_id"]);
        Assert.Equal(20, latency.Points[^1].Count);
        // Twenty latencies of 1–20 ms; the tenth falls on the 10 ms bound. With the SDK's default bounds it would read 2.5 s.
        Assert.Equal(0.01, latency.Percentile(0.5, TimeSpan.FromMinutes(1))!.Value, precision: 9);
        Assert.Contains("phw-server", receiver.Store.Resources);
        await host.StopAsync();
    }
}
