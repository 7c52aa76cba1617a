using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Runtime.Tests.Support;
using IntegrationHub.Runtime.Transformer;

namespace IntegrationHub.Runtime.Tests.Transformer;

/// <summary>The transformer host on the real broker: order, properties, failure → back-off → dead letter (spec §4.2, Appendix B).</summary>
public sealed class TransformerHostTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    /// <summary>A small flow: stamps MSH-3 and refuses messages whose PID-5 is FAIL.</summary>
    public sealed class StampingTransformer : IHl7Transformer
    {
        public string Name => "TEST";

        public TransformResult Transform(Hl7Message input, DateTime now)
        {
            if (input.Get("PID-5") == "FAIL")
            {
                throw new Hl7TransformException("PID-5 is refused by the test flow");
            }

            var output = Hl7Message.Create();
            output.Set("MSH-3", "HUB");
            output.Set("MSH-10", input.Get("MSH-10"));
            output.Set("MSH-12", "2.5");
            output.AddSegment(input.Segment("PID")!.ToString());
            return new TransformResult(output, $"TEST transformation applied for SENDING_APP: {input.Get("MSH-3.1")}");
        }
    }

    /// <summary>A flow whose audit text quotes a patient's value, with a masked variant for redacted events.</summary>
    public sealed class QuotingTransformer : IHl7Transformer
    {
        public string Name => "QUOTING";

        public TransformResult Transform(Hl7Message input, DateTime now) =>
            new(input.Clone(), $"Surname seen: {input.Get("PID-5")}") { RedactedAuditText = "Surname seen: ***" };
    }

    private Dictionary<string, string?> Variables(string session) => new()
    {
        ["SERVICE_BUS_CONNECTION_STRING"] = broker.ConnectionString,
        ["HEALTH_CHECK_PORT"] = "0",
        ["INGRESS_QUEUE_NAME"] = BrokerFixture.TransformerIngress,
        ["INGRESS_SESSION_ID"] = session,
        ["EGRESS_QUEUE_NAME"] = BrokerFixture.SenderIngress,
        ["EGRESS_SESSION_ID"] = session + "-out",
        ["WORKFLOW_ID"] = "test-flow",
        ["MICROSERVICE_ID"] = "test_transformer",
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["RETRY_INITIAL_DELAY_MS"] = "100",
        ["RETRY_MAX_DELAY_MS"] = "400",
        ["LOG_LEVEL"] = "INFO",
    };

    private async Task SendAsync(string session, string controlId, string pid5)
    {
        var sender = broker.Client.CreateSender(BrokerFixture.TransformerIngress);
        var text = $"MSH|^~\\&|252|252|100|100|20250101||ADT^A28^ADT_A05|{controlId}|P|2.5\rPID|||123^^^252^PI||{pid5}\r";
        await sender.SendAsync(new OutgoingMessage(System.Text.Encoding.UTF8.GetBytes(text))
        {
            SessionId = session,
            MessageId = controlId,
            ApplicationProperties = { ["CorrelationId"] = "corr-" + controlId, ["WorkflowID"] = "test-flow", ["SourceSystem"] = "252" },
        });
    }

    [Fact]
    public async Task Messages_are_transformed_in_order_with_their_properties_passed_through()
    {
        const string Session = "order";
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(Session, $"C{i:00}", "SURNAME");
        }

        var host = await ServiceHost.StartAsync(Variables(Session), b => b.AddTransformer<StampingTransformer>());
        var received = new List<ReceivedMessage>();
        for (var attempt = 0; attempt < 20 && received.Count < 20; attempt++)
        {
            received.AddRange(await broker.DrainAsync(BrokerFixture.SenderIngress, Session + "-out", TimeSpan.FromSeconds(1)));
        }

        await ServiceHost.StopAsync(host);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"C{i:00}"), received.Select(m => m.MessageId));
        var first = received[0];
        Assert.Equal("MSH|^~\\&|HUB|||||||C00||2.5\rPID|||123^^^252^PI||SURNAME", first.BodyAsString());
        Assert.Equal("corr-C00", first.ApplicationProperties["CorrelationId"]);
        Assert.Equal("252", first.ApplicationProperties["SourceSystem"]);
        Assert.Equal("order-out", first.SessionId);
    }

    [Fact]
    public async Task A_poison_message_is_retried_then_dead_lettered_and_the_flow_continues()
    {
        const string Session = "poison";
        await SendAsync(Session, "P1", "FAIL");
        await SendAsync(Session, "P2", "SURNAME");

        var host = await ServiceHost.StartAsync(Variables(Session), b => b.AddTransformer<StampingTransformer>());
        var delivered = new List<ReceivedMessage>();
        for (var attempt = 0; attempt < 30 && delivered.Count == 0; attempt++)
        {
            delivered.AddRange(await broker.DrainAsync(BrokerFixture.SenderIngress, Session + "-out", TimeSpan.FromSeconds(1)));
        }

        await ServiceHost.StopAsync(host);
        Assert.Equal("P2", Assert.Single(delivered).MessageId);
        var deadLetters = await broker.DrainAsync(ReceiverOptions.DeadLetterPath(BrokerFixture.TransformerIngress));
        var dead = Assert.Single(deadLetters, m => m.MessageId == "P1");
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
    }

    [Theory]
    [InlineData(null, "Surname seen: ***")]
    [InlineData("false", "Surname seen: SURNAME")]
    public async Task The_audit_text_is_masked_when_redaction_is_on(string? redaction, string expected)
    {
        var session = "audit-" + (redaction ?? "default");
        var controlId = "A-" + (redaction ?? "default");
        await SendAsync(session, controlId, "SURNAME");
        var variables = Variables(session);
        variables["AUDIT_QUEUE_NAME"] = BrokerFixture.Audit;
        variables["HL7_LOG_REDACTION_ENABLED"] = redaction;

        var host = await ServiceHost.StartAsync(variables, b => b.AddTransformer<QuotingTransformer>());
        var delivered = new List<ReceivedMessage>();
        for (var attempt = 0; attempt < 30 && delivered.Count == 0; attempt++)
        {
            delivered.AddRange(await broker.DrainAsync(BrokerFixture.SenderIngress, session + "-out", TimeSpan.FromSeconds(1)));
        }

        await ServiceHost.StopAsync(host);
        var processed = (await broker.DrainAuditEventsAsync())
            .Single(e => e.GetProperty("control_id").GetString() == controlId && e.GetProperty("event_type").GetString() == "MESSAGE_PROCESSED");
        Assert.Equal(expected, processed.GetProperty("validation_result").GetString());
    }
}
