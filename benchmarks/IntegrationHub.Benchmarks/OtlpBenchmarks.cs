using BenchmarkDotNet.Attributes;
using IntegrationHub.Otlp;
using IntegrationHub.Otlp.Decoding;
using IntegrationHub.Testing;

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
    public static byte[] Logs(int records) => Message(w => w.Message(1, resourceLogs =>
    {
        resourceLogs.Message(1, resource => Attribute(resource, 1, "service.name", "phw-server"));
        resourceLogs.Message(2, scopeLogs =>
        {
            scopeLogs.Message(1, scope => scope.String(1, "IntegrationHub.Runtime.Server.Hl7ServerHost"));
            for (var i = 0; i < records; i++)
            {
                var controlId = "MSG" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
                scopeLogs.Message(2, record =>
                {
                    record.Fixed64(1, 1_764_930_000_000_000_000UL + (ulong)i).Varint(2, 9).String(3, "Information");
                    record.Message(5, body => body.String(1, $"Message {controlId} accepted from PHW and published to the bus"));
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

    public static byte[] Metrics(int sums, int histograms) => Message(w => w.Message(1, resourceMetrics =>
    {
        resourceMetrics.Message(1, resource => Attribute(resource, 1, "service.name", "phw-server"));
        resourceMetrics.Message(2, scopeMetrics =>
        {
            for (var i = 0; i < sums; i++)
            {
                scopeMetrics.Message(2, metric => metric.String(1, "hub.messages." + i).String(3, "{message}").Message(7, sum =>
                {
                    sum.Message(1, point =>
                    {
                        point.Fixed64(2, 1_764_930_000_000_000_000UL).Fixed64(3, 1_764_930_060_000_000_000UL).Fixed64(6, 1234);
                        Attribute(point, 7, "flow", "phw");
                    });
                    sum.Varint(2, 2).Varint(3, 1);
                }));
            }

            for (var i = 0; i < histograms; i++)
            {
                scopeMetrics.Message(2, metric => metric.String(1, "hub.latency." + i).String(3, "ms").Message(9, histogram =>
                {
                    histogram.Message(1, point =>
                    {
                        point.Fixed64(2, 1_764_930_000_000_000_000UL).Fixed64(3, 1_764_930_060_000_000_000UL).Fixed64(4, 1500);
                        point.Fixed64(5, BitConverter.DoubleToUInt64Bits(30_000));
                        point.PackedFixed64(6, Enumerable.Range(0, 16).Select(b => (ulong)(b * 10)));
                        point.PackedFixed64(7, Enumerable.Range(1, 15).Select(b => BitConverter.DoubleToUInt64Bits(b * 5.0)));
                        Attribute(point, 9, "flow", "phw");
                    });
                    histogram.Varint(2, 2);
                }));
            }
        });
    }));

    private static void Attribute(ProtoWriter w, int field, string key, string value) =>
        w.Message(field, kv => kv.String(1, key).Message(2, v => v.String(1, value)));

    private static byte[] Message(Action<ProtoWriter> build)
    {
        var writer = new ProtoWriter();
        build(writer);
        return writer.ToArray();
    }
}
