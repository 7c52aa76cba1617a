namespace IntegrationHub.Otlp;

/// <summary>The store's memory bounds.</summary>
public sealed record TelemetryStoreOptions
{
    /// <summary>Log records kept per resource; the oldest are dropped first.</summary>
    public int MaxLogsPerResource { get; init; } = 10_000;

    /// <summary>How long metric points are kept.</summary>
    public TimeSpan MetricHistory { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Distinct series (resource, metric, attribute set) kept; points of further series are ignored, so a metric
    /// with an unbounded attribute cannot grow the store without limit.
    /// </summary>
    public int MaxMetricSeries { get; init; } = 10_000;

    /// <summary>The clock that ages metric points out (tests substitute a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
