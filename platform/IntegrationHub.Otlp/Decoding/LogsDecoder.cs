using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Decoding;

/// <summary>A log record as decoded, before the store gives it a sequence number.</summary>
internal sealed record DecodedLog(
    DateTimeOffset Timestamp,
    string Resource,
    string Level,
    string Category,
    string Message,
    Dictionary<string, string> Attributes,
    string? TraceId,
    string? SpanId);

/// <summary>
/// ExportLogsServiceRequest (opentelemetry/proto/collector/logs/v1/logs_service.proto) and the messages of
/// opentelemetry/proto/logs/v1/logs.proto it carries. The whole body is decoded before anything is stored, so a
/// malformed request stores nothing.
/// </summary>
internal static class LogsDecoder
{
    /// <summary>ExportLogsServiceRequest: resource_logs = 1.</summary>
    public static List<DecodedLog> Decode(ReadOnlySpan<byte> body)
    {
        var logs = new List<DecodedLog>();
        ProtoReader.ForEachMessage(body, 1, logs, ReadResourceLogs);
        return logs;
    }

    /// <summary>ResourceLogs: resource = 1, scope_logs = 2. The resource may follow its scopes on the wire.</summary>
    private static void ReadResourceLogs(ReadOnlySpan<byte> resourceLogs, List<DecodedLog> logs)
    {
        var resource = ProtoReader.TryFindMessage(resourceLogs, 1, out var found) ? CommonDecoder.ReadServiceName(found) : CommonDecoder.UnknownService;
        ProtoReader.ForEachMessage(resourceLogs, 2, (resource, logs), static (scopeLogs, state) => ReadScopeLogs(scopeLogs, state.resource, state.logs));
    }

    /// <summary>ScopeLogs: scope = 1 (InstrumentationScope), log_records = 2.</summary>
    private static void ReadScopeLogs(ReadOnlySpan<byte> scopeLogs, string resource, List<DecodedLog> logs)
    {
        var category = ProtoReader.TryFindMessage(scopeLogs, 1, out var scope) ? CommonDecoder.ReadScopeName(scope) : string.Empty;
        ProtoReader.ForEachMessage(scopeLogs, 2, (resource, category, logs), static (record, state) => state.logs.Add(ReadLogRecord(record, state.resource, state.category)));
    }

    /// <summary>
    /// LogRecord: time_unix_nano = 1 (fixed64), severity_number = 2, severity_text = 3, body = 5 (AnyValue),
    /// attributes = 6, trace_id = 9 (bytes), span_id = 10 (bytes), observed_time_unix_nano = 11 (fixed64).
    /// </summary>
    private static DecodedLog ReadLogRecord(ReadOnlySpan<byte> record, string resource, string category)
    {
        ulong time = 0, observed = 0;
        var severity = 0;
        string? severityText = null;
        var message = string.Empty;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? traceId = null, spanId = null;
        var reader = new ProtoReader(record);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    time = reader.ReadFixed64(wire, field);
                    break;
                case 2:
                    severity = (int)reader.ReadVarint(wire, field);
                    break;
                case 3:
                    severityText = reader.ReadString(wire, field);
                    break;
                case 5:
                    message = CommonDecoder.ReadAnyValue(reader.ReadLengthDelimited(wire, field));
                    break;
                case 6:
                    CommonDecoder.AddAttribute(attributes, reader.ReadLengthDelimited(wire, field));
                    break;
                case 9:
                    traceId = CommonDecoder.ReadId(reader.ReadLengthDelimited(wire, field));
                    break;
                case 10:
                    spanId = CommonDecoder.ReadId(reader.ReadLengthDelimited(wire, field));
                    break;
                case 11:
                    observed = reader.ReadFixed64(wire, field);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        // The event time when the source knew it, else when the SDK saw the record; 0 means unknown for both.
        var nanos = time != 0 ? time : observed;
        var timestamp = nanos != 0 ? CommonDecoder.FromUnixNanos(nanos) : DateTimeOffset.UtcNow;
        return new DecodedLog(timestamp, resource, LogLevelNames.FromSeverity(severity, severityText), category, message,
            attributes, traceId, spanId);
    }
}
