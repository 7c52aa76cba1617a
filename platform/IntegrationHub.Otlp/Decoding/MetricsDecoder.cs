using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Decoding;

/// <summary>One data point as decoded; the store turns delta points into running totals.</summary>
internal sealed record DecodedMetricPoint(
    string Resource,
    string Name,
    string Unit,
    MetricKind Kind,
    bool IsDelta,
    bool IsMonotonic,
    Dictionary<string, string> Attributes,
    DateTimeOffset? StartTime,
    DateTimeOffset Time,
    double Value,
    long Count,
    double[]? BucketBounds,
    long[]? BucketCounts);

/// <summary>
/// ExportMetricsServiceRequest (opentelemetry/proto/collector/metrics/v1/metrics_service.proto) and the messages
/// of opentelemetry/proto/metrics/v1/metrics.proto it carries, for sums, gauges and explicit-bucket histograms.
/// </summary>
internal static class MetricsDecoder
{
    // AggregationTemporality: 1 = DELTA, 2 = CUMULATIVE. DataPointFlags: bit 0 = no recorded value.
    private const ulong DeltaTemporality = 1;
    private const ulong NoRecordedValue = 1;

    /// <summary>ExportMetricsServiceRequest: resource_metrics = 1.</summary>
    public static List<DecodedMetricPoint> Decode(ReadOnlySpan<byte> body)
    {
        var points = new List<DecodedMetricPoint>();
        ProtoReader.ForEachMessage(body, 1, points, ReadResourceMetrics);
        return points;
    }

    /// <summary>ResourceMetrics: resource = 1, scope_metrics = 2 (ScopeMetrics: metrics = 2).</summary>
    private static void ReadResourceMetrics(ReadOnlySpan<byte> resourceMetrics, List<DecodedMetricPoint> points)
    {
        var resource = ProtoReader.TryFindMessage(resourceMetrics, 1, out var found) ? CommonDecoder.ReadServiceName(found) : CommonDecoder.UnknownService;
        ProtoReader.ForEachMessage(resourceMetrics, 2, (resource, points), static (scopeMetrics, state) =>
            ProtoReader.ForEachMessage(scopeMetrics, 2, state, static (metric, state) => ReadMetric(metric, state.resource, state.points)));
    }

    /// <summary>Metric: name = 1, unit = 3, gauge = 5, sum = 7, histogram = 9; other kinds are skipped.</summary>
    private static void ReadMetric(ReadOnlySpan<byte> metric, string resource, List<DecodedMetricPoint> points)
    {
        var name = string.Empty;
        var unit = string.Empty;
        var reader = new ProtoReader(metric);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field is 1 or 3)
            {
                var text = reader.ReadString(wire, field);
                (name, unit) = field == 1 ? (text, unit) : (name, text);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        var series = new SeriesHeader(resource, name, unit);
        reader = new ProtoReader(metric);
        while (reader.TryReadTag(out var field, out var wire))
        {
            var kind = field switch
            {
                5 => MetricKind.Gauge,
                7 => MetricKind.Sum,
                9 => MetricKind.Histogram,
                _ => (MetricKind?)null,
            };
            if (kind is null)
            {
                reader.Skip(wire);
                continue;
            }

            ReadData(reader.ReadLengthDelimited(wire, field), series, kind.Value, points);
        }
    }

    /// <summary>
    /// Gauge: data_points = 1. Sum: data_points = 1, aggregation_temporality = 2, is_monotonic = 3.
    /// Histogram: data_points = 1, aggregation_temporality = 2. Temporality may follow the points on the wire.
    /// </summary>
    private static void ReadData(ReadOnlySpan<byte> data, SeriesHeader series, MetricKind kind, List<DecodedMetricPoint> points)
    {
        var delta = false;
        // Histograms count observations, which only grow.
        var monotonic = kind == MetricKind.Histogram;
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 2 && kind != MetricKind.Gauge)
            {
                delta = reader.ReadVarint(wire, field) == DeltaTemporality;
            }
            else if (field == 3 && kind == MetricKind.Sum)
            {
                monotonic = reader.ReadVarint(wire, field) != 0;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        var header = series with { Kind = kind, IsDelta = delta, IsMonotonic = monotonic };
        reader = new ProtoReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != 1)
            {
                reader.Skip(wire);
                continue;
            }

            var body = reader.ReadLengthDelimited(wire, field);
            var point = kind == MetricKind.Histogram
                ? DataPointDecoder.ReadHistogramPoint(body, header)
                : DataPointDecoder.ReadNumberPoint(body, header);
            if (point is not null)
            {
                points.Add(point);
            }
        }
    }

    internal static bool HasNoRecordedValue(ulong flags) => (flags & NoRecordedValue) != 0;
}

/// <summary>What every data point of one metric shares.</summary>
internal sealed record SeriesHeader(string Resource, string Name, string Unit)
{
    public MetricKind Kind { get; init; }

    public bool IsDelta { get; init; }

    public bool IsMonotonic { get; init; }
}
