using System.Diagnostics;
using IntegrationHub.Runtime.Events;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Tests.Events;

public class EventLoggerTests
{
    private const string Message = "MSH|^~\\&|252|252|100|100|20250101||ADT^A28^ADT_A05|C1|P|2.5\rPID|1||8888888^^^252^PI||SMITH^JOHN";

    private sealed class CapturingLogger : ILogger<EventLogger>
    {
        public List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Records { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Records.Add((logLevel, formatter(state, exception), (IReadOnlyList<KeyValuePair<string, object?>>)state!));
    }

    private sealed class CollectingSink : IAuditSink
    {
        public List<HubEvent> Events { get; } = [];

        public void Publish(HubEvent hubEvent) => Events.Add(hubEvent);
    }

    private static ServiceIdentitySettings Identity(string? redaction = null, string? appInsights = null)
    {
        var settings = new ServiceIdentitySettings();
        settings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WORKFLOW_ID"] = "phw-to-mpi",
            ["MICROSERVICE_ID"] = "phw-hl7-server",
            ["HL7_LOG_REDACTION_ENABLED"] = redaction,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = appInsights,
        }).Build());
        return settings;
    }

    [Fact]
    public void An_event_is_logged_as_Integration_Hub_Event_with_every_field_as_a_dimension_and_published()
    {
        var logger = new CapturingLogger();
        var sink = new CollectingSink();
        var events = new EventLogger(Identity(appInsights: "InstrumentationKey=00000000-0000-0000-0000-000000000000"), logger, [sink], TimeProvider.System);
        using var activity = new Activity("t").SetIdFormat(ActivityIdFormat.W3C).Start();

        events.Failed(Message, "HL7 validation error: Message has wrong version", "Invalid HL7 message format", "corr-1", "C1");

        var record = Assert.Single(logger.Records);
        Assert.Equal("Integration Hub Event", record.Message);
        Assert.Equal(LogLevel.Warning, record.Level);
        var state = record.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("phw-to-mpi", state["workflow_id"]);
        Assert.Equal("phw-hl7-server", state["microservice_id"]);
        Assert.Equal("MESSAGE_FAILED", state["event_type"]);
        Assert.Equal("HL7 validation error: Message has wrong version", state["error_details"]);
        Assert.Equal("Invalid HL7 message format", state["validation_result"]);
        Assert.Equal("corr-1", state["correlation_id"]);
        Assert.Equal("C1", state["control_id"]);
        Assert.Equal(activity.TraceId.ToHexString(), state["otel_trace_id"]);
        Assert.Equal(16, ((string)state["otel_span_id"]!).Length);
        Assert.Equal("Integration Hub Event", state["{OriginalFormat}"]);
        Assert.DoesNotContain("SMITH", (string)state["message_content"]!, StringComparison.Ordinal);
        Assert.Equal(HubEventType.MessageFailed, Assert.Single(sink.Events).EventType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Without_Azure_Monitor_the_line_carries_the_fields_as_the_existing_local_fallback_did(string? appInsights)
    {
        var logger = new CapturingLogger();
        var events = new EventLogger(Identity(appInsights: appInsights), logger, [], TimeProvider.System);

        events.Failed(Message, "HL7 validation error: Message has wrong version", "Invalid HL7 message format", "corr-1", "C1");

        var record = Assert.Single(logger.Records);
        Assert.StartsWith("Integration Hub Event: {", record.Message, StringComparison.Ordinal);
        using var fields = System.Text.Json.JsonDocument.Parse(record.Message["Integration Hub Event: ".Length..]);
        Assert.Equal("MESSAGE_FAILED", fields.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("corr-1", fields.RootElement.GetProperty("correlation_id").GetString());
        Assert.Equal("HL7 validation error: Message has wrong version", fields.RootElement.GetProperty("error_details").GetString());
        Assert.False(fields.RootElement.TryGetProperty("message_content", out _), "the line leaves the content to the record's fields");
        Assert.DoesNotContain("SMITH", record.Message, StringComparison.Ordinal);

        // The structured record is the same in both modes: exporters still see the fixed message as its format.
        var state = record.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("Integration Hub Event", state["{OriginalFormat}"]);
        Assert.Equal("MESSAGE_FAILED", state["event_type"]);
    }

    [Theory]
    [InlineData(true, HubEventType.ValidationSuccess)]
    [InlineData(false, HubEventType.ValidationFailed)]
    public void Validation_events_carry_the_outcome(bool success, HubEventType expected)
    {
        var sink = new CollectingSink();
        var events = new EventLogger(Identity(), new CapturingLogger(), [sink], TimeProvider.System);

        events.Validation(Message, "Valid HL7 message - Type: ADT^A28^ADT_A05", success);

        Assert.Equal(expected, sink.Events[0].EventType);
    }

    [Fact]
    public void Content_is_kept_when_redaction_is_switched_off()
    {
        var sink = new CollectingSink();
        var events = new EventLogger(Identity("off"), new CapturingLogger(), [sink], TimeProvider.System);

        events.Received(Message);

        Assert.Equal(Message, sink.Events[0].MessageContent);
        Assert.Null(sink.Events[0].TraceId);
    }
    [Fact]
    public void Each_event_carries_the_redaction_of_its_own_payload_when_messages_interleave()
    {
        var sink = new CollectingSink();
        var events = new EventLogger(Identity(), new CapturingLogger(), [sink], TimeProvider.System);
        var other = Message.Replace("SMITH^JOHN", "JONES^MARY", StringComparison.Ordinal).Replace("|C1|", "|C2|", StringComparison.Ordinal);

        events.Received(Message);
        events.Validation(Message, "Valid", isSuccess: true);
        events.Received(other);
        events.Processed(Message);
        events.Processed(other);
        events.Processed(other);

        Assert.Equal(
            new[] { Message, Message, other, Message, other, other }.Select(MessageRedactor.Redact),
            sink.Events.Select(e => e.MessageContent));
        Assert.Contains("|C2|", sink.Events[2].MessageContent, StringComparison.Ordinal);
        Assert.All(sink.Events, e => Assert.DoesNotContain("JONES", e.MessageContent, StringComparison.Ordinal));
    }
}
