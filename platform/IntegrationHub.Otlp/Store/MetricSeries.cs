namespace IntegrationHub.Otlp;

/// <summary>
/// One time series: a metric of one resource with one attribute set, its points oldest first. Windows end at the
/// newest point, so a series that stopped reporting keeps its last rate; callers compare the last point's time with
/// the clock to tell a silent series from a quiet one.
/// </summary>
public sealed record MetricSeries(
    string Resource,
    string Name,
    string Unit,
    MetricKind Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<MetricPoint> Points)
{
    /// <summary>False for sums that may go down (up-down counters): their rate is a plain difference, with no reset detection.</summary>
    public bool IsMonotonic { get; init; } = true;

    /// <summary>
    /// Increase per second over the window: of the running total for sums, of the observation count for
    /// histograms. Null for gauges and when the window holds fewer than two points. A monotonic total that drops
    /// is a restarted process: its new value is counted as the increase since the restart.
    /// </summary>
    public double? RatePerSecond(TimeSpan window)
    {
        if (Kind == MetricKind.Gauge || !TryGetWindow(window, out var first, out var last))
        {
            return null;
        }

        var seconds = (Points[last].Time - Points[first].Time).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        double increase = 0;
        for (var i = first + 1; i <= last; i++)
        {
            var previous = Total(Points[i - 1]);
            var current = Total(Points[i]);
            increase += current >= previous || !IsMonotonic ? current - previous : current;
        }

        return increase / seconds;
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) of a histogram's observations in the window, from the difference between the
    /// newest point's buckets and those of the last point before the window, interpolated linearly inside the
    /// bucket it falls in (the first bucket is taken to start at 0 for non-negative bounds; a quantile in the
    /// unbounded last bucket is its lower bound). Null for other kinds or when the window holds no observations.
    /// </summary>
    public double? Percentile(double q, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (Kind != MetricKind.Histogram || Points.Count == 0)
        {
            return null;
        }

        var newest = Points[^1];
        if (newest.BucketBounds is not { } bounds || newest.BucketCounts is not { } counts)
        {
            return null;
        }

        var baseline = Baseline(newest.Time - window);
        var deltas = HistogramMath.BucketDeltas(counts, bounds, baseline);
        return HistogramMath.Quantile(q, bounds, deltas);
    }

    /// <summary>The mean observation of a histogram in the window (sum delta / count delta), null when there were none.</summary>
    public double? Mean(TimeSpan window)
    {
        if (Kind != MetricKind.Histogram || Points.Count == 0)
        {
            return null;
        }

        var newest = Points[^1];
        var baseline = Baseline(newest.Time - window);
        var restarted = baseline is null || baseline.Count > newest.Count;
        var count = restarted ? newest.Count : newest.Count - baseline!.Count;
        var sum = restarted ? newest.Value : newest.Value - baseline!.Value;
        return count > 0 ? sum / count : null;
    }

    private double Total(MetricPoint point) => Kind == MetricKind.Histogram ? point.Count : point.Value;

    /// <summary>The newest point and the oldest one to compare it with: the last point at or before the window's start if any.</summary>
    private bool TryGetWindow(TimeSpan window, out int first, out int last)
    {
        last = Points.Count - 1;
        first = last;
        if (last < 1)
        {
            return false;
        }

        var start = Points[last].Time - window;
        while (first > 0 && Points[first].Time > start)
        {
            first--;
        }

        return first < last;
    }

    /// <summary>The newest point at or before the given time, or null when the series starts inside the window.</summary>
    private MetricPoint? Baseline(DateTimeOffset windowStart)
    {
        for (var i = Points.Count - 2; i >= 0; i--)
        {
            if (Points[i].Time <= windowStart)
            {
                return Points[i];
            }
        }

        return null;
    }
}
