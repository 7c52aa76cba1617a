using IntegrationHub.Bus;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Xml;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Events;
using IntegrationHub.Runtime.Server;
using IntegrationHub.Runtime.Store;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Sender;

/// <summary>
/// One message to the destination (spec §8.2): MESSAGE_RECEIVED, a store record on first delivery, throttle,
/// MLLP send with one immediate resend after a timeout, ACK evaluation. True only on AA/CA. A message the
/// destination already acknowledged (same control id and bytes, within the duplicate window) is completed without
/// sending it again.
/// </summary>
public sealed partial class SenderHandler(
    SenderSettings settings,
    ServiceIdentitySettings identity,
    MllpClient client,
    Throttle throttle,
    DeliveredLog delivered,
    MessageStoreClient store,
    EventLogger events,
    HubMetrics metrics,
    TimeProvider time,
    ILogger<SenderHandler> logger)
{
    /// <summary>Set when the last attempt could not reach the destination; the service waits for it before receiving again.</summary>
    public bool DestinationUnreachable { get; private set; }

    public async Task<bool> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.BodyAsString();
        var properties = message.ApplicationProperties;
        var correlationId = Text(properties, TrackingProperties.CorrelationId);
        events.Received(body, "Message received for HL7 sending", correlationId, message.MessageId);
        Hl7Message parsed;
        try
        {
            parsed = Hl7Message.Parse(body);
        }
        catch (Hl7ParseException ex)
        {
            events.Failed(body, $"Unexpected error while processing message: {ex.Message}", "Unexpected processing error", correlationId, message.MessageId);
            return false;
        }

        var controlId = parsed.Get("MSH-10");
        if (message.DeliveryCount <= 1)
        {
            await store.StoreAsync(StoreRecord(body, parsed, properties), cancellationToken).ConfigureAwait(false);
        }

        if (delivered.WasDelivered(controlId, message.Body.Span))
        {
            LogDuplicateSuppressed(logger, controlId, message.SequenceNumber);
            events.Processed(body, $"Already delivered (MSH-10 {controlId}); not sent again", correlationId, controlId);
            return true;
        }

        await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        var result = await client.SendWithResendOnTimeoutAsync(System.Text.Encoding.UTF8.GetBytes(body), cancellationToken).ConfigureAwait(false);
        if (!result.IsAckReceived)
        {
            DestinationUnreachable = result.Status is MllpSendStatus.ConnectFailed or MllpSendStatus.ConnectionClosed;
            events.Failed(body, $"Failed to send message {controlId}: {result.Error}", "Message sending failed - connection/timeout error", correlationId, controlId);
            return false;
        }

        DestinationUnreachable = false;
        var verdict = AckEvaluation.Evaluate(result.Response);
        events.Processed(body, $"Message sent successfully, received ACK: {verdict.AckText}", correlationId, controlId);
        if (!verdict.IsPositive)
        {
            LogNegativeAck(logger, verdict.Description, controlId);
            return false;
        }

        delivered.Record(controlId, message.Body.Span);
        metrics.MessageSent();
        RecordLatency(properties);
        events.Sent(body, $"Delivered to {settings.ReceiverHost}:{settings.ReceiverPort} with ACK {verdict.Code}", correlationId, controlId);
        return true;
    }

    /// <summary>
    /// A message the session state marks delivered: the destination acknowledged it, then the sender stopped before
    /// completing it (a crash, a lost lock). It is completed without being sent again; this records why.
    /// </summary>
    public void AlreadyDelivered(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.BodyAsString();
        var correlationId = Text(message.ApplicationProperties, TrackingProperties.CorrelationId);
        events.Processed(body, $"Already delivered (sequence {message.SequenceNumber}, marked in the session state); not sent again", correlationId, message.MessageId);
    }

    /// <summary>
    /// The message's whole time in the hub, from the server's MessageReceivedAt stamp to the destination's ACK; a
    /// message without a readable stamp (published by something other than a hub server) is not measured.
    /// </summary>
    private void RecordLatency(IReadOnlyDictionary<string, object?> properties)
    {
        if (TrackingProperties.TryParseTimestamp(Text(properties, TrackingProperties.MessageReceivedAt), out var receivedAt))
        {
            var latency = time.GetUtcNow() - receivedAt;
            metrics.MessageLatency(latency < TimeSpan.Zero ? TimeSpan.Zero : latency);
        }
    }

    private MessageStoreRecord StoreRecord(string body, Hl7Message parsed, IReadOnlyDictionary<string, object?> properties)
    {
        string? xml = null;
        try
        {
            xml = SchemalessXmlConverter.ToXml(parsed);
        }
        catch (Hl7XmlConversionException)
        {
            // The store keeps the raw payload; XML is a convenience (spec §8.2 step 3).
        }

        return new MessageStoreRecord(
            Text(properties, TrackingProperties.MessageReceivedAt) ?? string.Empty,
            Text(properties, TrackingProperties.CorrelationId) ?? string.Empty,
            Text(properties, TrackingProperties.SourceSystem) ?? string.Empty,
            identity.MicroserviceId,
            identity.PeerService,
            body,
            xml,
            settings.IngressSessionId ?? string.Empty);
    }

    private static string? Text(IReadOnlyDictionary<string, object?> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value?.ToString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Control id {ControlId} (sequence {SequenceNumber}) was already delivered; completed without sending again")]
    private static partial void LogDuplicateSuppressed(ILogger logger, string controlId, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Description} (sent control id {ControlId})")]
    private static partial void LogNegativeAck(ILogger logger, string description, string controlId);
}
