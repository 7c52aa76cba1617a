using System.Text;
using IntegrationHub.Otlp.Decoding;

namespace IntegrationHub.Otlp;

public sealed partial class TelemetryStore
{
    // Expired series are looked for at most this often, not on every request.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, SeriesState> _series = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private long _droppedMetricPoints;

    /// <summary>Points ignored because <see cref="TelemetryStoreOptions.MaxMetricSeries"/> series already existed.</summary>
    public long DroppedMetricPoints => Interlocked.Read(ref _droppedMetricPoints);

    /// <summary>Series with points younger than the history, by resource then name; null filters match everything.</summary>
    public IReadOnlyList<MetricSeries> QueryMetrics(string? resource = null, string? metricName = null)
    {
        var cutoff = _options.TimeProvider.GetUtcNow() - _options.MetricHistory;
        var result = new List<MetricSeries>();
        lock (_gate)
        {
            foreach (var series in _series.Values)
            {
                if ((resource is null || string.Equals(series.Resource, resource, StringComparison.Ordinal))
                    && (metricName is null || string.Equals(series.Name, metricName, StringComparison.Ordinal))
                    && series.Snapshot(cutoff) is { } snapshot)
                {
                    result.Add(snapshot);
                }
            }
        }

        result.Sort(static (a, b) =>
        {
            var byResource = string.CompareOrdinal(a.Resource, b.Resource);
            return byResource != 0 ? byResource : string.CompareOrdinal(a.Name, b.Name);
        });
        return result;
    }

    internal void AddMetricPoints(List<DecodedMetricPoint> points)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var cutoff = now - _options.MetricHistory;
        lock (_gate)
        {
            if (now - _lastSweep > SweepInterval)
            {
                Sweep(cutoff);
                _lastSweep = now;
            }

            foreach (var point in points)
            {
                NoteResource(point.Resource);
                if (point.Time < cutoff)
                {
                    continue;
                }

                var key = SeriesKey(point);
                if (!_series.TryGetValue(key, out var series) || series.Kind != point.Kind)
                {
                    if (series is null && _series.Count >= _options.MaxMetricSeries)
                    {
                        Sweep(cutoff);
                        if (_series.Count >= _options.MaxMetricSeries)
                        {
                            _droppedMetricPoints++;
                            continue;
                        }
                    }

                    series = new SeriesState(point);
                    _series[key] = series;
                }

                series.Add(point, cutoff);
            }
        }
    }

    // Callers hold _gate.
    private void Sweep(DateTimeOffset cutoff)
    {
        List<string>? expired = null;
        foreach (var (key, series) in _series)
        {
            series.Trim(cutoff);
            if (series.IsEmpty)
            {
                (expired ??= []).Add(key);
            }
        }

        foreach (var key in expired ?? [])
        {
            _series.Remove(key);
        }
    }

    private static string SeriesKey(DecodedMetricPoint point)
    {
        var key = new StringBuilder(point.Resource).Append('\u0001').Append(point.Name);
        foreach (var (name, value) in point.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            key.Append('\u0001').Append(name).Append('\u0002').Append(value);
        }

        return key.ToString();
    }
}
