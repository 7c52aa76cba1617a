namespace IntegrationHub.Otlp.Tests;

/// <summary>
/// Hand-built OTLP requests, field numbers from opentelemetry-proto: ExportLogsServiceRequest.resource_logs = 1,
/// ResourceLogs.resource = 1 / scope_logs = 2, Resource.attributes = 1, KeyValue key = 1 / value = 2,
/// AnyValue.string_value = 1, ScopeLogs.scope = 1 / log_records = 2, InstrumentationScope.name = 1.
/// </summary>
internal static class Otlp
{
    public static ulong Nanos(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static void StringAttribute(ProtoWriter w, int field, string key, string value) =>
        w.Message(field, kv => kv.String(1, key).Message(2, v => v.String(1, value)));

    public static void Resource(ProtoWriter w, string serviceName) =>
        w.Message(1, r => StringAttribute(r, 1, "service.name", serviceName));

    /// <summary>LogRecord: time = 1, severity_number = 2, body = 5, attributes = 6.</summary>
    public static byte[] LogsRequest(string service, string scope, DateTimeOffset time, params (int Severity, string Body)[] records) =>
        new ProtoWriter().Message(1, resourceLogs =>
        {
            Resource(resourceLogs, service);
            resourceLogs.Message(2, scopeLogs =>
            {
                scopeLogs.Message(1, s => s.String(1, scope));
                foreach (var (severity, body) in records)
                {
                    scopeLogs.Message(2, record => record
                        .Fixed64(1, Nanos(time))
                        .Varint(2, (ulong)severity)
                        .Message(5, v => v.String(1, body)));
                }
            });
        }).ToArray();

    /// <summary>
    /// A monotonic sum: Metric name = 1, unit = 3, sum = 7; Sum data_points = 1, aggregation_temporality = 2
    /// (1 delta, 2 cumulative), is_monotonic = 3; NumberDataPoint time = 3, as_int = 6, attributes = 7.
    /// </summary>
    public static byte[] SumRequest(string service, string name, DateTimeOffset time, long value, bool delta = false) =>
        new ProtoWriter().Message(1, resourceMetrics =>
        {
            Resource(resourceMetrics, service);
            resourceMetrics.Message(2, scopeMetrics => scopeMetrics.Message(2, metric => metric
                .String(1, name)
                .String(3, "{message}")
                .Message(7, sum => sum
                    .Message(1, point =>
                    {
                        point.Fixed64(3, Nanos(time)).Fixed64(6, (ulong)value);
                        StringAttribute(point, 7, "flow", "phw");
                    })
                    .Varint(2, delta ? 1UL : 2UL)
                    .Varint(3, 1))));
        }).ToArray();
}
