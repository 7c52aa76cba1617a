using IntegrationHub.Bus;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Transformer;

/// <summary>
/// One message through a flow's transformer (spec §4.2): MESSAGE_RECEIVED, parse, transform, serialise (§4.3),
/// publish with the incoming application properties unchanged, MESSAGE_PROCESSED with the flow's audit text.
/// Any failure publishes nothing and returns false, so the message is abandoned and retried with back-off until
/// the broker dead-letters it after its maximum delivery count.
/// </summary>
public sealed partial class TransformerHandler(
    IHl7Transformer transformer,
    TransformerSettings settings,
    IBusClient bus,
    BusHealth busHealth,
    EventLogger events,
    TimeProvider time,
    ILogger<TransformerHandler> logger)
{
    private readonly IBusSender _egress = bus.CreateSender(settings.EgressQueue);

    public async Task<bool> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.BodyAsString();
        var correlationId = message.ApplicationProperties.TryGetValue("CorrelationId", out var c) ? c?.ToString() : null;
        if (message.ApplicationProperties.Count == 0)
        {
            LogNoProperties(logger, message.SequenceNumber);
        }

        events.Received(body, $"Message received for {transformer.Name} transformation", correlationId, message.MessageId);
        string output;
        string auditText;
        try
        {
            var input = Hl7Message.Parse(body);
            var result = transformer.Transform(input, time.GetLocalNow().DateTime);
            output = result.Output.EncodeNormalized();
            auditText = events.RedactsPatientData ? result.RedactedAuditText ?? result.AuditText : result.AuditText;
        }
        catch (Hl7TransformException ex)
        {
            events.Failed(body, $"Failed to transform {transformer.Name} message: {ex.Message}", $"{transformer.Name} transformation failed", correlationId, message.MessageId);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Parse errors and mapper faults: the type and message name the problem; message content stays out.
            events.Failed(body, $"Unexpected error during message processing: {ex.GetType().Name}: {ex.Message}", "Unexpected processing error", correlationId, message.MessageId);
            return false;
        }

        try
        {
            var outgoing = new OutgoingMessage(System.Text.Encoding.UTF8.GetBytes(output))
            {
                SessionId = settings.EgressSessionId,
                MessageId = message.MessageId,
                CorrelationId = message.CorrelationId,
                ApplicationProperties = new Dictionary<string, object?>(message.ApplicationProperties, StringComparer.Ordinal),
            };

            // A fresh trace context is added by the bus client; the upstream one must not be forwarded as is.
            outgoing.ApplicationProperties.Remove("traceparent");
            outgoing.ApplicationProperties.Remove("tracestate");
            await _egress.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
            busHealth.Succeeded();
        }
        catch (BusException ex)
        {
            busHealth.Failed(ex);
            events.Failed(body, $"Unexpected error during message processing: {ex.Message}", "Unexpected processing error", correlationId, message.MessageId);
            return false;
        }

        events.Processed(output, auditText, correlationId, message.MessageId);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No application_properties found on message {SequenceNumber}")]
    private static partial void LogNoProperties(ILogger logger, long sequenceNumber);
}
