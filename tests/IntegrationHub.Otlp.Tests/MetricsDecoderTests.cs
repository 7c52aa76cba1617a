using IntegrationHub.Otlp.Decoding;
using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Tests;

/// <summary>
/// Hand-built ExportMetricsServiceRequests. Metric: name = 1, unit = 3, gauge = 5, sum = 7, histogram = 9,
/// summary = 11. HistogramDataPoint: time = 3, count = 4, sum = 5, bucket_counts = 6, explicit_bounds = 7,
/// attributes = 9, flags = 10. NumberDataPoint: time = 3, as_double = 4, as_int = 6, flags = 8.
/// </summary>
public sealed class MetricsDecoderTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 5, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_cumulative_sum_point_carries_its_series_identity_and_value()
    {
        var point = Assert.Single(MetricsDecoder.Decode(Otlp.SumRequest("phw-server", "hub.messages.received", Time, 7)));

        Assert.Equal(("phw-server", "hub.messages.received", "{message}"), (point.Resource, point.Name, point.Unit));
        Assert.Equal(MetricKind.Sum, point.Kind);
        Assert.False(point.IsDelta);
        Assert.True(point.IsMonotonic);
        Assert.Equal("phw", point.Attributes["flow"]);
        Assert.Equal(Time, point.Time);
        Assert.Equal(7, point.Value);
    }

    [Fact]
    public void A_gauge_reads_a_double_and_a_negative_int()
    {
        var body = Request(metric => metric.String(1, "temperature").Message(5, gauge => gauge
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).Double(4, 36.6))
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time.AddSeconds(1))).Fixed64(6, unchecked((ulong)-3L)))));

        var points = MetricsDecoder.Decode(body);

        Assert.Equal([36.6, -3.0], points.Select(p => p.Value));
        Assert.All(points, p => Assert.Equal(MetricKind.Gauge, p.Kind));
    }

    [Fact]
    public void Histogram_buckets_are_read_packed_or_one_per_tag()
    {
        var body = Request(metric => metric.String(1, "latency").String(3, "ms").Message(9, histogram => histogram
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).Fixed64(4, 6).Double(5, 120)
                .PackedFixed64(6, [1, 2, 3]).PackedFixed64(7, new[] { 10.0, 50.0 }.Select(BitConverter.DoubleToUInt64Bits)))
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).Fixed64(4, 6).Double(5, 120)
                .Fixed64(6, 1).Fixed64(6, 2).Fixed64(6, 3).Double(7, 10).Double(7, 50))
            .Varint(2, 1)));

        var points = MetricsDecoder.Decode(body);

        Assert.Equal(2, points.Count);
        Assert.All(points, p =>
        {
            Assert.Equal(MetricKind.Histogram, p.Kind);
            Assert.True(p.IsDelta);
            Assert.Equal(6, p.Count);
            Assert.Equal(120, p.Value);
            Assert.Equal([1L, 2L, 3L], p.BucketCounts!);
            Assert.Equal([10.0, 50.0], p.BucketBounds!);
        });
    }

    [Fact]
    public void A_histogram_with_one_bucket_too_few_is_a_format_error()
    {
        var body = Request(metric => metric.String(1, "latency").Message(9, histogram => histogram
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).PackedFixed64(6, [1, 2]).PackedFixed64(7, [BitConverter.DoubleToUInt64Bits(10), BitConverter.DoubleToUInt64Bits(20)]))));

        Assert.Throws<OtlpFormatException>(() => MetricsDecoder.Decode(body));
    }

    [Fact]
    public void Points_without_a_recorded_value_and_unsupported_kinds_are_left_out()
    {
        var body = Request(metric => metric.String(1, "gone").Message(5, gauge => gauge
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).Double(4, 1).Varint(8, 1))));
        var summary = Request(metric => metric.String(1, "summary").Message(11, s => s
            .Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)))));

        Assert.Empty(MetricsDecoder.Decode(body));
        Assert.Empty(MetricsDecoder.Decode(summary));
    }

    [Fact]
    public void An_up_down_counter_is_not_monotonic()
    {
        var body = Request(metric => metric.String(1, "in.flight").Message(7, sum => sum
            .Varint(2, 2).Varint(3, 0).Message(1, p => p.Fixed64(3, Otlp.Nanos(Time)).Fixed64(6, 4))));

        Assert.False(Assert.Single(MetricsDecoder.Decode(body)).IsMonotonic);
    }

    private static byte[] Request(Action<ProtoWriter> metric) =>
        new ProtoWriter().Message(1, rm =>
        {
            Otlp.Resource(rm, "svc");
            rm.Message(2, sm => sm.Message(1, scope => scope.String(1, "meter")).Message(2, metric));
        }).ToArray();
}
