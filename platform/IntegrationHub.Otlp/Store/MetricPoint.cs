namespace IntegrationHub.Otlp;

/// <summary>
/// One observation of a series. Sums are stored cumulative (delta points are added up on arrival), so
/// <paramref name="Value"/> is the running total of a sum, the current value of a gauge and the running sum of a
/// histogram's observations; <paramref name="Count"/> is a histogram's running observation count (0 otherwise).
/// Bucket i counts observations in (bounds[i-1], bounds[i]]; the last bucket has no upper bound.
/// </summary>
public sealed record MetricPoint(
    DateTimeOffset Time,
    double Value,
    long Count,
    IReadOnlyList<double>? BucketBounds,
    IReadOnlyList<long>? BucketCounts)
{
    /// <summary>When the series' cumulative totals last started from zero (0 = unknown), from start_time_unix_nano.</summary>
    public DateTimeOffset? StartTime { get; init; }
}
