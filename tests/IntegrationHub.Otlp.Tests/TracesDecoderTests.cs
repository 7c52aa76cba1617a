using IntegrationHub.Otlp.Decoding;

namespace IntegrationHub.Otlp.Tests;

public sealed class TracesDecoderTests
{
    [Fact]
    public void Spans_are_counted_per_resource()
    {
        // ExportTraceServiceRequest.resource_spans = 1; ResourceSpans resource = 1, scope_spans = 2; ScopeSpans spans = 2.
        var body = new ProtoWriter()
            .Message(1, rs =>
            {
                Otlp.Resource(rs, "phw-server");
                rs.Message(2, ss => ss.Message(1, s => s.String(1, "IntegrationHub")).Message(2, span => span.String(5, "receive")).Message(2, _ => { }));
                rs.Message(2, ss => ss.Message(2, span => span.String(5, "send")));
            })
            .Message(1, rs => Otlp.Resource(rs, "phw-sender"))
            .ToArray();

        Assert.Equal([("phw-server", 3), ("phw-sender", 0)], TracesDecoder.Decode(body));
    }
}
