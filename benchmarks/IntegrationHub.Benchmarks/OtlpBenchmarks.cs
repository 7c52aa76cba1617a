using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Otlp;
using IntegrationHub.Otlp.Decoding;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// The local dashboard's OTLP receiver: decoding and storing one export batch as the .NET exporter sends it
/// (512 log records, its default batch size; one metrics export of a flow's series).
/// </summary>
[MemoryDiagnoser]
public class OtlpBenchmarks
{
    private byte[] _logs = [];
    private byte[] _metrics = [];
    private TelemetryStore _store = new(new TelemetryStoreOptions());

    [GlobalSetup]
    public void Setup()
    {
        _logs = OtlpPayloads.Logs(records: 512);
        _metrics = OtlpPayloads.Metrics(sums: 30, histograms: 20);
        _store = new TelemetryStore(new TelemetryStoreOptions());
    }

    [Benchmark]
    public int DecodeLogBatch() => LogsDecoder.Decode(_logs).Count;

    [Benchmark]
    public void DecodeAndStoreLogBatch() => _store.AddLogs(LogsDecoder.Decode(_logs));

    [Benchmark]
    public int DecodeMetricsExport() => MetricsDecoder.Decode(_metrics).Count;
}

/// <summary>
/// OTLP requests written field by field (numbers from opentelemetry-proto), shaped like the hub's: a service
/// resource, a logger category scope, a formatted message with its template arguments as attributes, trace ids.
/// </summary>
internal static class OtlpPayloads
{
    public static byte[] Logs(int records) => Message(w => w.Nested(1, resourceLogs =>
    {
        resourceLogs.Nested(1, resource => Attribute(resource, 1, "service.name", "phw-server"));
        resourceLogs.Nested(2, scopeLogs =>
        {
            scopeLogs.Nested(1, scope => scope.Text(1, "IntegrationHub.Runtime.Server.Hl7ServerHost"));
            for (var i = 0; i < records; i++)
            {
                var controlId = "MSG" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                scopeLogs.Nested(2, record =>
                {
                    record.Fixed(1, 1_764_930_000_000_000_000UL + (ulong)i).Tag(2, 0).Varint(9).Text(3, "Information");
                    record.Nested(5, body => body.Text(1, $"Message {controlId} accepted from PHW and published to the bus"));
                    Attribute(record, 6, "ControlId", controlId);
                    Attribute(record, 6, "Flow", "phw");
                    Attribute(record, 6, "WorkflowId", "phw-to-mpi");
                    Attribute(record, 6, "{OriginalFormat}", "Message {ControlId} accepted from {Flow} and published to the bus");
                    record.Bytes(9, new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte)i });
                    record.Bytes(10, new byte[8] { 1, 2, 3, 4, 5, 6, 7, (byte)i });
                });
            }
        });
    }));

    public static byte[] Metrics(int sums, int histograms) => Message(w => w.Nested(1, resourceMetrics =>
    {
        resourceMetrics.Nested(1, resource => Attribute(resource, 1, "service.name", "phw-server"));
        resourceMetrics.Nested(2, scopeMetrics =>
        {
            for (var i = 0; i < sums; i++)
            {
                scopeMetrics.Nested(2, metric => metric.Text(1, "hub.messages." + i).Text(3, "{message}").Nested(7, sum =>
                {
                    sum.Nested(1, point =>
                    {
                        point.Fixed(2, 1_764_930_000_000_000_000UL).Fixed(3, 1_764_930_060_000_000_000UL).Fixed(6, 1234);
                        Attribute(point, 7, "flow", "phw");
                    });
                    sum.Tag(2, 0).Varint(2).Tag(3, 0).Varint(1);
                }));
            }

            for (var i = 0; i < histograms; i++)
            {
                scopeMetrics.Nested(2, metric => metric.Text(1, "hub.latency." + i).Text(3, "ms").Nested(9, histogram =>
                {
                    histogram.Nested(1, point =>
                    {
                        point.Fixed(2, 1_764_930_000_000_000_000UL).Fixed(3, 1_764_930_060_000_000_000UL).Fixed(4, 1500);
                        point.Fixed(5, BitConverter.DoubleToUInt64Bits(30_000));
                        point.Packed(6, Enumerable.Range(0, 16).Select(b => (ulong)(b * 10)));
                        point.Packed(7, Enumerable.Range(1, 15).Select(b => BitConverter.DoubleToUInt64Bits(b * 5.0)));
                        Attribute(point, 9, "flow", "phw");
                    });
                    histogram.Tag(2, 0).Varint(2);
                }));
            }
        });
    }));

    private static void Attribute(Writer w, int field, string key, string value) =>
        w.Nested(field, kv => kv.Text(1, key).Nested(2, v => v.Text(1, value)));

    private static byte[] Message(Action<Writer> build)
    {
        var writer = new Writer();
        build(writer);
        return [.. writer.Output];
    }

    private sealed class Writer
    {
        public List<byte> Output { get; } = [];

        public Writer Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

        public Writer Varint(ulong value)
        {
            for (; value >= 0x80; value >>= 7)
            {
                Output.Add((byte)(value | 0x80));
            }

            Output.Add((byte)value);
            return this;
        }

        public Writer Fixed(int field, ulong value)
        {
            Tag(field, 1);
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
            Output.AddRange(buffer);
            return this;
        }

        public Writer Bytes(int field, byte[] value)
        {
            Tag(field, 2).Varint((ulong)value.Length);
            Output.AddRange(value);
            return this;
        }

        public Writer Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Writer Nested(int field, Action<Writer> body)
        {
            var nested = new Writer();
            body(nested);
            return Bytes(field, [.. nested.Output]);
        }

        public Writer Packed(int field, IEnumerable<ulong> values)
        {
            var packed = new Writer();
            Span<byte> buffer = stackalloc byte[8];
            foreach (var value in values)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer, value);
                packed.Output.AddRange(buffer);
            }

            return Bytes(field, [.. packed.Output]);
        }
    }
}
