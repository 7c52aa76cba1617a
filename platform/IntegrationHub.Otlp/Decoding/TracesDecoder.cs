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
        var reader = new ProtoReader(body);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoReader.Expect(wire, WireType.LengthDelimited, field);
                result.Add(ReadResourceSpans(reader.ReadLengthDelimited()));
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return result;
    }

    /// <summary>ResourceSpans: resource = 1, scope_spans = 2 (ScopeSpans: scope = 1, spans = 2).</summary>
    private static (string Resource, int Spans) ReadResourceSpans(ReadOnlySpan<byte> resourceSpans)
    {
        var resource = CommonDecoder.UnknownService;
        var spans = 0;
        var reader = new ProtoReader(resourceSpans);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                ProtoReader.Expect(wire, WireType.LengthDelimited, field);
                resource = CommonDecoder.ReadServiceName(reader.ReadLengthDelimited());
            }
            else if (field == 2)
            {
                ProtoReader.Expect(wire, WireType.LengthDelimited, field);
                var scope = new ProtoReader(reader.ReadLengthDelimited());
                while (scope.TryReadTag(out var scopeField, out var scopeWire))
                {
                    if (scopeField == 2)
                    {
                        ProtoReader.Expect(scopeWire, WireType.LengthDelimited, scopeField);
                        scope.ReadLengthDelimited();
                        spans++;
                    }
                    else
                    {
                        scope.Skip(scopeWire);
                    }
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (resource, spans);
    }
}
