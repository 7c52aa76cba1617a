using IntegrationHub.Otlp.Decoding;
using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Tests;

public sealed class LogsDecoderTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 5, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, "Trace")]
    [InlineData(4, "Trace")]
    [InlineData(5, "Debug")]
    [InlineData(9, "Information")]
    [InlineData(12, "Information")]
    [InlineData(13, "Warning")]
    [InlineData(17, "Error")]
    [InlineData(20, "Error")]
    [InlineData(21, "Critical")]
    [InlineData(24, "Critical")]
    [InlineData(0, "Information")]
    [InlineData(99, "Information")]
    public void Severity_numbers_map_to_dotnet_level_names(int severity, string level)
    {
        var log = Assert.Single(LogsDecoder.Decode(Otlp.LogsRequest("svc", "cat", Time, (severity, "body"))));

        Assert.Equal(level, log.Level);
    }

    [Fact]
    public void Without_a_severity_number_the_severity_text_decides()
    {
        var body = new ProtoWriter().Message(1, rl => rl.Message(2, sl => sl.Message(2, r => r.String(3, "WARN")))).ToArray();

        Assert.Equal("Warning", Assert.Single(LogsDecoder.Decode(body)).Level);
    }

    [Fact]
    public void A_record_carries_resource_scope_body_attributes_ids_and_time()
    {
        byte[] traceId = [0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36];
        byte[] spanId = [0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7];
        // The resource is written after its scopes and unknown fields are sprinkled in: order and extras must not matter.
        var body = new ProtoWriter().Message(1, resourceLogs =>
        {
            resourceLogs.Message(2, scopeLogs =>
            {
                scopeLogs.Message(2, record =>
                {
                    record.Varint(2, 13).Fixed64(1, Otlp.Nanos(Time)).Message(5, v => v.String(1, "Queue phw is slow"))
                        .Varint(7, 0).Fixed32(8, 1).Bytes(9, traceId).Bytes(10, spanId).Varint(99, 5);
                    Otlp.StringAttribute(record, 6, "queue", "phw");
                    record.Message(6, kv => kv.String(1, "depth").Message(2, v => v.Varint(3, 12)));
                    record.Message(6, kv => kv.String(1, "ratio").Message(2, v => v.Double(4, 0.25)));
                    record.Message(6, kv => kv.String(1, "ok").Message(2, v => v.Varint(2, 1)));
                    record.Message(6, kv => kv.String(1, "list").Message(2, v => v.Message(5, a => a
                        .Message(1, x => x.String(1, "a")).Message(1, x => x.Varint(3, 2)))));
                    record.Message(6, kv => kv.String(1, "map").Message(2, v => v.Message(6, l => Otlp.StringAttribute(l, 1, "k", "v"))));
                });
                scopeLogs.Message(1, scope => scope.String(1, "IntegrationHub.Runtime.Sender").String(2, "1.0"));
            });
            resourceLogs.String(3, "https://opentelemetry.io/schemas/1.0.0");
            Otlp.Resource(resourceLogs, "phw-sender");
        }).ToArray();

        var log = Assert.Single(LogsDecoder.Decode(body));

        Assert.Equal("phw-sender", log.Resource);
        Assert.Equal("IntegrationHub.Runtime.Sender", log.Category);
        Assert.Equal("Warning", log.Level);
        Assert.Equal("Queue phw is slow", log.Message);
        Assert.Equal(Time, log.Timestamp);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", log.TraceId);
        Assert.Equal("00f067aa0ba902b7", log.SpanId);
        Assert.Equal("phw", log.Attributes["queue"]);
        Assert.Equal("12", log.Attributes["depth"]);
        Assert.Equal("0.25", log.Attributes["ratio"]);
        Assert.Equal("true", log.Attributes["ok"]);
        Assert.Equal("[a, 2]", log.Attributes["list"]);
        Assert.Equal("{k=v}", log.Attributes["map"]);
    }

    [Fact]
    public void The_observed_time_stands_in_for_a_missing_event_time_and_zero_ids_are_no_ids()
    {
        var body = new ProtoWriter().Message(1, rl => rl.Message(2, sl => sl.Message(2, r => r
            .Fixed64(11, Otlp.Nanos(Time)).Bytes(9, new byte[16]).Bytes(10, new byte[8])))).ToArray();

        var log = Assert.Single(LogsDecoder.Decode(body));

        Assert.Equal(Time, log.Timestamp);
        Assert.Null(log.TraceId);
        Assert.Null(log.SpanId);
        Assert.Equal("unknown_service", log.Resource);
        Assert.Equal(string.Empty, log.Category);
    }

    [Fact]
    public void An_empty_request_holds_no_records()
    {
        Assert.Empty(LogsDecoder.Decode([]));
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_is_a_format_error()
    {
        // LogRecord.time_unix_nano is fixed64; a varint there means the bytes are not an OTLP log request.
        var body = new ProtoWriter().Message(1, rl => rl.Message(2, sl => sl.Message(2, r => r.Varint(1, 5)))).ToArray();

        Assert.Throws<OtlpFormatException>(() => LogsDecoder.Decode(body));
    }

    [Fact]
    public void Values_nested_beyond_the_depth_limit_are_a_format_error()
    {
        Action<ProtoWriter> value = v => v.String(1, "leaf");
        for (var i = 0; i < 40; i++)
        {
            var inner = value;
            value = v => v.Message(5, array => array.Message(1, inner));
        }

        var body = new ProtoWriter().Message(1, rl => rl.Message(2, sl => sl.Message(2, r => r.Message(5, value)))).ToArray();

        Assert.Throws<OtlpFormatException>(() => LogsDecoder.Decode(body));
    }
}
