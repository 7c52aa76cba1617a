using System.Text.Json;
using IntegrationHub.AppHost.Dashboard.Endpoints;
using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.Runtime.Events;

namespace IntegrationHub.Dashboard.Tests;

/// <summary>The dashboard reads exactly what the services write: the audit body comes from the services' own sink.</summary>
public sealed class JourneyParsingTests
{
    [Fact]
    public void Audit_events_read_back_from_the_message_the_services_send()
    {
        var sent = new HubEvent("phw-to-mpi", "phw_hl7_server", HubEventType.ValidationSuccess, new DateTimeOffset(2026, 3, 1, 12, 0, 0, 123, TimeSpan.Zero),
            "MSH|^~\\&|***", "Valid HL7 message", null, "corr-1", "CTRL-1", null, null);
        var failed = sent with { EventType = HubEventType.MessageFailed, ErrorDetails = "boom", ValidationResult = null, ControlId = "CTRL-2" };
        var body = Assert.Single(AuditBatch.Pack([sent, failed])).Message.Body;

        var read = JourneyIngest.ParseAuditEvents(body.Span);

        Assert.Equal(
            [
                new AuditEvent("CTRL-1", "phw-to-mpi", "phw_hl7_server", "VALIDATION_SUCCESS", sent.Timestamp, "MSH|^~\\&|***", "Valid HL7 message", null, "corr-1"),
                new AuditEvent("CTRL-2", "phw-to-mpi", "phw_hl7_server", "MESSAGE_FAILED", sent.Timestamp, "MSH|^~\\&|***", null, "boom", "corr-1"),
            ],
            read);
    }

    [Fact]
    public void A_single_event_object_as_earlier_versions_sent_still_reads()
    {
        var sent = new HubEvent("phw-to-mpi", "phw_hl7_server", HubEventType.MessageReceived, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            "MSH|***", null, null, null, "CTRL-9", null, null);

        var read = Assert.Single(JourneyIngest.ParseAuditEvents(AuditBatch.ToJson(sent)));

        Assert.Equal(new AuditEvent("CTRL-9", "phw-to-mpi", "phw_hl7_server", "MESSAGE_RECEIVED", sent.Timestamp, "MSH|***", null, null, null), read);
    }

    [Fact]
    public void A_body_that_is_not_audit_events_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => JourneyIngest.ParseAuditEvents("not json"u8));
        Assert.Throws<KeyNotFoundException>(() => JourneyIngest.ParseAuditEvents("""{"workflow_id":"w"}"""u8));
        Assert.Throws<KeyNotFoundException>(() => JourneyIngest.ParseAuditEvents("""[{"workflow_id":"w"}]"""u8));
    }

    [Theory]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|CTRL123|P|2.5\rPID|1", "CTRL123")]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|CTRL123|P|2.5", "CTRL123")]
    [InlineData("MSH#^~\\&#A#B#C#D#20250101##ADT^A01# CTRL9 #P#2.5\nPID", "CTRL9")]
    [InlineData("MSH|^~\\&|A|B|C|D|20250101||ADT^A01||P|2.5", null)]
    [InlineData("MSH|^~\\&|A", null)]
    [InlineData("PID|1|2", null)]
    [InlineData(null, null)]
    public void The_control_id_is_msh_10(string? message, string? expected) => Assert.Equal(expected, ControlIds.Of(message));

    [Fact]
    public void A_service_console_line_splits_into_time_level_category_and_message()
    {
        var line = LogLine.Parse("16:59:03.764 warn: IntegrationHub.Runtime.Server.Hl7ServerService[1211] HL7 server listening on 127.0.0.1:40467");

        Assert.Equal("16:59:03.764", line.Time);
        Assert.Equal("Warning", line.Level);
        Assert.Equal("IntegrationHub.Runtime.Server.Hl7ServerService", line.Category);
        Assert.Equal("HL7 server listening on 127.0.0.1:40467", line.Message);
    }

    [Theory]
    [InlineData("   at IntegrationHub.Something.Method() in /src/File.cs:line 12")]
    [InlineData("Unhandled exception. System.InvalidOperationException: boom")]
    [InlineData("")]
    public void Other_lines_keep_their_text_without_a_level(string text)
    {
        var line = LogLine.Parse(text);

        Assert.Equal(text, line.Text);
        Assert.Null(line.Level);
    }
}
