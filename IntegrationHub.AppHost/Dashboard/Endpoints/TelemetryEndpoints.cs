using IntegrationHub.AppHost.Model;
using IntegrationHub.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>
/// What the services export over OTLP: structured logs per resource, and each flow's live throughput and latency
/// from the hub's metrics (messages_received, messages_sent, and the senders' message_latency_seconds: arrival at the
/// server to the MPI's ACK — see HubMetrics). A figure with no metric behind it (no OTLP export yet, or a sender that
/// has delivered nothing in the window) falls back to the audit events in the journey store.
/// </summary>
public static class TelemetryEndpoints
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void MapTelemetryEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/logs", (DashboardContext dashboard, string? resource, string? minLevel, string? text, long? after) =>
            dashboard.Telemetry is not { } telemetry
                ? Results.Json(new { error = "No OTLP receiver in this run." }, statusCode: StatusCodes.Status501NotImplemented)
                : Results.Json(telemetry.QueryLogs(new LogQuery(resource, minLevel, text, after ?? 0, 1000))));
        app.MapGet("/api/metrics", (DashboardContext dashboard) => Results.Json((dashboard.Telemetry?.QueryMetrics() ?? []).Select(s => new
        {
            s.Resource,
            s.Name,
            s.Unit,
            kind = s.Kind.ToString(),
            s.Attributes,
            points = s.Points.Count,
            last = s.Points.Count > 0 ? s.Points[^1].Value : (double?)null,
            count = s.Points.Count > 0 ? s.Points[^1].Count : 0,
        })));
        app.MapGet("/api/traffic", (DashboardContext dashboard) =>
        {
            var fromAudit = dashboard.Journey.Traffic(Window).ToDictionary(t => t.WorkflowId, StringComparer.Ordinal);
            return Results.Json(dashboard.Model.Flows.Select(flow =>
            {
                var audit = fromAudit.GetValueOrDefault(flow.WorkflowId);
                var metrics = FromMetrics(dashboard.Telemetry, flow);

                // Each figure from the metrics when the services exported it, otherwise from the audit events.
                return new FlowTrafficView(
                    flow.Name,
                    flow.WorkflowId,
                    metrics?.Received is not null ? "OpenTelemetry metrics" : audit is not null ? "audit events" : "none yet",
                    metrics?.Received ?? audit?.ReceivedPerSecond,
                    metrics?.Delivered ?? audit?.DeliveredPerSecond,
                    metrics?.P50 is not null ? "OpenTelemetry metrics" : audit?.LatencyP50Ms is not null ? "audit events" : "none yet",
                    metrics?.P50 ?? audit?.LatencyP50Ms,
                    metrics?.P95 ?? audit?.LatencyP95Ms);
            }));
        });
    }

    private static (double? Received, double? Delivered, double? P50, double? P95)? FromMetrics(TelemetryStore? telemetry, FlowResource flow)
    {
        if (telemetry is null)
        {
            return null;
        }

        double? Rate(string metric) => telemetry.QueryMetrics(null, metric)
            .Where(s => s.Attributes.TryGetValue("workflow_id", out var w) && w == flow.WorkflowId)
            .Select(s => IncreasePerSecond(s, Window, TimeProvider.System.GetUtcNow()))
            .Where(r => r is not null)
            .Aggregate((double?)null, (sum, r) => (sum ?? 0) + r);
        var received = Rate("messages_received");
        var delivered = Rate("messages_sent");

        // The sender's latency is the message's whole time in the hub: arrival at the server to the MPI's ACK.
        var latencies = telemetry.QueryMetrics(flow.Sender.Name, "message_latency_seconds");
        var latency = latencies.Count > 0 ? latencies[0] : null;
        if (received is null && delivered is null && latency is null)
        {
            return null;
        }

        return (received ?? 0, delivered ?? 0, latency?.Percentile(0.50, Window) * 1000, latency?.Percentile(0.95, Window) * 1000);
    }

    /// <summary>
    /// How much a counter (or a histogram's count) grew in the last <paramref name="window"/>, per second of it. A series
    /// with no point before the window began inside it (the service's first messages): it counts from zero, which a
    /// rate between the window's own points would miss.
    /// </summary>
    internal static double? IncreasePerSecond(MetricSeries series, TimeSpan window, DateTimeOffset now)
    {
        if (series.Points.Count == 0 || series.Kind == MetricKind.Gauge)
        {
            return null;
        }

        double Total(MetricPoint p) => series.Kind == MetricKind.Histogram ? p.Count : p.Value;
        var start = now - window;
        double previous = 0;
        double increase = 0;
        foreach (var point in series.Points)
        {
            var current = Total(point);
            if (point.Time > start)
            {
                // A drop is a restarted service counting from zero again.
                increase += current >= previous ? current - previous : current;
            }

            previous = current;
        }

        return increase / window.TotalSeconds;
    }

    private sealed record FlowTrafficView(string Flow, string WorkflowId, string ThroughputSource, double? ReceivedPerSecond, double? DeliveredPerSecond,
        string LatencySource, double? LatencyP50Ms, double? LatencyP95Ms);
}
