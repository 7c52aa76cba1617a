using System.Diagnostics;
using System.Diagnostics.Metrics;
using IntegrationHub.ServiceDefaults.Configuration;
using IntegrationHub.ServiceDefaults.Telemetry;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// The metrics the existing dashboard reads (spec §12), with its names and dimensions: counters
/// <c>messages_received</c> and <c>messages_sent</c>, histogram <c>retry_delay_seconds</c>; every measurement carries
/// workflow_id, microservice_id, health_board and peer_service.
/// </summary>
public sealed class HubMetrics
{
    private static readonly Counter<long> ReceivedCounter = HubTelemetry.Meter.CreateCounter<long>("messages_received", description: "Messages accepted for processing");
    private static readonly Counter<long> SentCounter = HubTelemetry.Meter.CreateCounter<long>("messages_sent", description: "Messages delivered with a positive ACK");
    private static readonly Histogram<double> RetryDelay = HubTelemetry.Meter.CreateHistogram<double>("retry_delay_seconds", unit: "s", description: "Back-off delay before the next delivery attempt");
    // The SDK's default bounds (0, 5, 10, 25 … 10000) suit milliseconds; latencies of a few milliseconds recorded in
    // seconds would all fall into (0, 5] and every percentile a dashboard reads from them would be meaningless.
    private static readonly Histogram<double> Latency = HubTelemetry.Meter.CreateHistogram(
        "message_latency_seconds",
        unit: "s",
        description: "Time from arrival at the hub to the end of this service's work",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900] });
    private readonly KeyValuePair<string, object?>[] _dimensions;

    public HubMetrics(ServiceIdentitySettings identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _dimensions =
        [
            new("workflow_id", identity.WorkflowId),
            new("microservice_id", identity.MicroserviceId),
            new("health_board", identity.HealthBoard.Length > 0 ? identity.HealthBoard : "UNKNOWN"),
            new("peer_service", identity.PeerService.Length > 0 ? identity.PeerService : "service_bus"),
        ];
    }

    public void MessageReceived() => ReceivedCounter.Add(1, _dimensions);

    public void MessageSent() => SentCounter.Add(1, _dimensions);

    public void MessageLatency(TimeSpan latency) => Latency.Record(latency.TotalSeconds, _dimensions);

    public void RetryScheduled(TimeSpan delay, string queue, int attempt)
    {
        var tags = new TagList();
        foreach (var dimension in _dimensions)
        {
            tags.Add(dimension);
        }

        tags.Add("queue", queue);
        tags.Add("attempt", attempt);
        RetryDelay.Record(delay.TotalSeconds, tags);
    }
}
