using IntegrationHub.Otlp.Decoding;

namespace IntegrationHub.Otlp;

/// <summary>
/// The store's mutable copy of one series (guarded by the store's lock). Delta points are added onto the running
/// total here, so every stored series is cumulative and the rate and quantile math has one shape to handle.
/// </summary>
internal sealed class SeriesState(DecodedMetricPoint first)
{
    private readonly List<MetricPoint> _points = [];

    public string Resource { get; } = first.Resource;

    public string Name { get; } = first.Name;

    public MetricKind Kind { get; } = first.Kind;

    public bool IsEmpty => _points.Count == 0;

    private string Unit { get; } = first.Unit;

    private bool IsMonotonic { get; } = first.IsMonotonic;

    private IReadOnlyDictionary<string, string> Attributes { get; } = first.Attributes;

    public void Add(DecodedMetricPoint point, DateTimeOffset cutoff)
    {
        var previous = _points.Count > 0 ? _points[^1] : null;
        if (previous is not null && point.Time < previous.Time)
        {
            // A late batch (a retried export): the series already moved past it.
            return;
        }

        var stored = point.IsDelta && Kind != MetricKind.Gauge && previous is not null
            ? Accumulate(previous, point)
            : new MetricPoint(point.Time, point.Value, point.Count, point.BucketBounds, point.BucketCounts) { StartTime = point.StartTime };
        if (previous is not null && previous.Time == point.Time)
        {
            _points[^1] = stored;
        }
        else
        {
            _points.Add(stored);
        }

        Trim(cutoff);
    }

    public void Trim(DateTimeOffset cutoff)
    {
        var expired = 0;
        while (expired < _points.Count && _points[expired].Time < cutoff)
        {
            expired++;
        }

        _points.RemoveRange(0, expired);
    }

    public MetricSeries? Snapshot(DateTimeOffset cutoff)
    {
        var from = 0;
        while (from < _points.Count && _points[from].Time < cutoff)
        {
            from++;
        }

        return from == _points.Count
            ? null
            : new MetricSeries(Resource, Name, Unit, Kind, Attributes, _points.GetRange(from, _points.Count - from).ToArray())
            {
                IsMonotonic = IsMonotonic,
            };
    }

    private static MetricPoint Accumulate(MetricPoint previous, DecodedMetricPoint delta)
    {
        var start = previous.StartTime ?? delta.StartTime;
        if (delta.BucketCounts is not { } counts || delta.BucketBounds is not { } bounds)
        {
            return new MetricPoint(delta.Time, previous.Value + delta.Value, previous.Count + delta.Count, null, null) { StartTime = start };
        }

        if (previous.BucketCounts is not { } before || previous.BucketBounds is not { } beforeBounds
            || !beforeBounds.SequenceEqual(bounds))
        {
            // New bucket layout: totals cannot be carried over bucket by bucket, so the series starts again.
            return new MetricPoint(delta.Time, delta.Value, delta.Count, bounds, counts) { StartTime = delta.StartTime };
        }

        var sums = new long[counts.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = before[i] + counts[i];
        }

        return new MetricPoint(delta.Time, previous.Value + delta.Value, previous.Count + delta.Count, bounds, sums) { StartTime = start };
    }
}
