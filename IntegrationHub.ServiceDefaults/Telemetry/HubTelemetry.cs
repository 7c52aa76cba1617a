using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntegrationHub.ServiceDefaults.Telemetry;

/// <summary>
/// The hub's activity source and meter. Metric names are the ones the existing dashboard queries (spec §12). Trace
/// context travels in bus message properties (<c>traceparent</c>, <c>tracestate</c>): the bus client injects it on
/// send and parents its processing span on it, so one message is one trace from server to sender.
/// </summary>
public static class HubTelemetry
{
    public const string Name = "IntegrationHub";

    public static ActivitySource Source { get; } = new(Name, "1.0.0");

    public static Meter Meter { get; } = new(Name, "1.0.0");
}
