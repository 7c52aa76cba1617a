using System.Runtime.CompilerServices;
using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Decoding;

/// <summary>
/// ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1/trace_service.proto): the dashboard does not
/// show traces, so spans are only counted per resource (so services sending only traces still appear).
/// </summary>
internal static class TracesDecoder
{
    /// <summary>ExportTraceServiceRequest: resource_spans = 1.</summary>
    public static List<(string Resource, int Spans)> Decode(ReadOnlySpan<byte> body)
    {
        var result = new List<(string, int)>();
        ProtoReader.ForEachMessage(body, 1, result, static (resourceSpans, result) => result.Add(ReadResourceSpans(resourceSpans)));
        return result;
    }

    /// <summary>ResourceSpans: resource = 1, scope_spans = 2 (ScopeSpans: scope = 1, spans = 2).</summary>
    private static (string Resource, int Spans) ReadResourceSpans(ReadOnlySpan<byte> resourceSpans)
    {
        var resource = ProtoReader.TryFindMessage(resourceSpans, 1, out var found) ? CommonDecoder.ReadServiceName(found) : CommonDecoder.UnknownService;
        var spans = new StrongBox<int>();
        ProtoReader.ForEachMessage(resourceSpans, 2, spans, static (scopeSpans, spans) =>
            ProtoReader.ForEachMessage(scopeSpans, 2, spans, static (_, spans) => spans.Value++));
        return (resource, spans.Value);
    }
}
