using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Decoding;

/// <summary>NumberDataPoint and HistogramDataPoint of opentelemetry/proto/metrics/v1/metrics.proto.</summary>
internal static class DataPointDecoder
{
    // More buckets than any sane explicit-bucket histogram has; bounds the arrays a hostile body can make us build.
    private const int MaxBuckets = 4096;

    /// <summary>
    /// NumberDataPoint: start_time_unix_nano = 2, time_unix_nano = 3 (fixed64), as_double = 4 (double),
    /// as_int = 6 (sfixed64), attributes = 7, flags = 8. Null for a point flagged as having no recorded value.
    /// </summary>
    public static DecodedMetricPoint? ReadNumberPoint(ReadOnlySpan<byte> point, SeriesHeader series)
    {
        ulong start = 0, time = 0, flags = 0;
        double value = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtoReader(point);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 2:
                    start = reader.ReadFixed64(wire, field);
                    break;
                case 3:
                    time = reader.ReadFixed64(wire, field);
                    break;
                case 4:
                    value = reader.ReadDouble(wire, field);
                    break;
                case 6:
                    value = (long)reader.ReadFixed64(wire, field);
                    break;
                case 7:
                    CommonDecoder.AddAttribute(attributes, reader.ReadLengthDelimited(wire, field));
                    break;
                case 8:
                    flags = reader.ReadVarint(wire, field);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (MetricsDecoder.HasNoRecordedValue(flags) || time == 0)
        {
            return null;
        }

        return new DecodedMetricPoint(series.Resource, series.Name, series.Unit, series.Kind, series.IsDelta,
            series.IsMonotonic, attributes, StartTime(start), CommonDecoder.FromUnixNanos(time), value, 0, null, null);
    }

    /// <summary>
    /// HistogramDataPoint: start_time_unix_nano = 2, time_unix_nano = 3, count = 4 (fixed64), sum = 5 (double),
    /// bucket_counts = 6 (repeated fixed64), explicit_bounds = 7 (repeated double), attributes = 9, flags = 10.
    /// Repeated numbers arrive packed (proto3's default) or one per tag; both are read.
    /// </summary>
    public static DecodedMetricPoint? ReadHistogramPoint(ReadOnlySpan<byte> point, SeriesHeader series)
    {
        ulong start = 0, time = 0, flags = 0, count = 0;
        double sum = 0;
        var buckets = new List<long>();
        var bounds = new List<double>();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtoReader(point);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 2:
                    start = reader.ReadFixed64(wire, field);
                    break;
                case 3:
                    time = reader.ReadFixed64(wire, field);
                    break;
                case 4:
                    count = reader.ReadFixed64(wire, field);
                    break;
                case 5:
                    sum = reader.ReadDouble(wire, field);
                    break;
                case 6:
                    ReadRepeatedFixed64(ref reader, wire, field, value => buckets.Add((long)value), buckets.Count);
                    break;
                case 7:
                    ReadRepeatedFixed64(ref reader, wire, field, value => bounds.Add(BitConverter.UInt64BitsToDouble(value)), bounds.Count);
                    break;
                case 9:
                    CommonDecoder.AddAttribute(attributes, reader.ReadLengthDelimited(wire, field));
                    break;
                case 10:
                    flags = reader.ReadVarint(wire, field);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (MetricsDecoder.HasNoRecordedValue(flags) || time == 0)
        {
            return null;
        }

        // A histogram with buckets has exactly one more bucket than bounds; anything else cannot be interpreted.
        var hasBuckets = buckets.Count > 0;
        if (hasBuckets && buckets.Count != bounds.Count + 1)
        {
            throw new OtlpFormatException($"Histogram '{series.Name}' has {buckets.Count} buckets for {bounds.Count} bounds.");
        }

        return new DecodedMetricPoint(series.Resource, series.Name, series.Unit, series.Kind, series.IsDelta,
            series.IsMonotonic, attributes, StartTime(start), CommonDecoder.FromUnixNanos(time), sum, (long)count,
            hasBuckets ? [.. bounds] : null, hasBuckets ? [.. buckets] : null);
    }

    private static DateTimeOffset? StartTime(ulong nanos) => nanos == 0 ? null : CommonDecoder.FromUnixNanos(nanos);

    private static void ReadRepeatedFixed64(ref ProtoReader reader, WireType wire, int field, Action<ulong> add, int countSoFar)
    {
        if (wire == WireType.Fixed64)
        {
            Guard(countSoFar + 1);
            add(reader.ReadFixed64());
            return;
        }

        var packed = reader.ReadLengthDelimited(wire, field);
        if (packed.Length % 8 != 0)
        {
            throw new OtlpFormatException($"Packed field {field} is {packed.Length} bytes, not a multiple of 8.");
        }

        Guard(countSoFar + (packed.Length / 8));
        var values = new ProtoReader(packed);
        while (!values.End)
        {
            add(values.ReadFixed64());
        }
    }

    private static void Guard(int count)
    {
        if (count > MaxBuckets)
        {
            throw new OtlpFormatException($"More than {MaxBuckets} histogram buckets.");
        }
    }
}
