using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntegrationHub.ServiceDefaults.Telemetry;

/// <summary>The hub's activity source and meter. Metric names are the ones the existing dashboard queries (spec §12).</summary>
public static class HubTelemetry
{
    public const string Name = "IntegrationHub";

    public static ActivitySource Source { get; } = new(Name, "1.0.0");

    public static Meter Meter { get; } = new(Name, "1.0.0");
}
