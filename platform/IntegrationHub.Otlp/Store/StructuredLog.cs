namespace IntegrationHub.Otlp;

/// <summary>
/// One log record as the dashboard shows it. <paramref name="Sequence"/> grows by one per record the store accepts,
/// across all resources, so a poller can ask for what arrived after the last one it saw.
/// <paramref name="Category"/> is the instrumentation scope name, where the .NET exporter puts the logger category.
/// </summary>
public sealed record StructuredLog(
    long Sequence,
    DateTimeOffset Timestamp,
    string Resource,
    string Level,
    string Category,
    string Message,
    IReadOnlyDictionary<string, string> Attributes,
    string? TraceId,
    string? SpanId);
