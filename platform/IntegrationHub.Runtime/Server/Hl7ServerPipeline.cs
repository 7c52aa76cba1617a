using System.Text;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Coalescing;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;
using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Events;
using IntegrationHub.Runtime.Server.Validation;
using IntegrationHub.Runtime.Store;
using IntegrationHub.ServiceDefaults.Configuration;
using IntegrationHub.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Server;

/// <summary>
/// What the server does with one received payload, in the order of spec §2.4: route by MSH-9, parse, basic and
/// flow rules, flow structure (XSD) validation, standard validation, store, then publish and only then ACK.
/// Fixes the reference's defects: the ACK is built (by copying text, so it cannot fail) before the publish, and
/// a publish that times out is a failure, never a silent success.
/// </summary>
public sealed partial class Hl7ServerPipeline(
    Hl7ServerSettings settings,
    ServiceIdentitySettings identity,
    IBusClient bus,
    BusHealth busHealth,
    MessageStoreClient store,
    EventLogger events,
    HubMetrics metrics,
    IEnumerable<IMessageRule> rules,
    IEnumerable<IBusPropertyProvider> propertyProviders,
    IStructureValidation? structureValidation,
    TimeProvider time,
    ILogger<Hl7ServerPipeline> logger) : IAsyncDisposable
{
    // Concurrent connections' publishes share batch transfers; each ACK still waits for its own message's acceptance.
    private readonly CoalescingSender _egress = new(bus.CreateSender(settings.EgressEntity));
    private readonly IMessageRule[] _rules = [.. BasicRules(settings), .. rules];
    private readonly IBusPropertyProvider[] _propertyProviders = [.. propertyProviders];
    private readonly StandardValidation? _standard = settings.StandardVersion is { } v ? new StandardValidation(v) : null;

    public async Task<ServerDecision> HandleAsync(string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var activity = HubTelemetry.Source.StartActivity("hl7-server.receive_message");
        var messageType = MessageRouting.MessageTypeText(payload, out var isHl7);
        if (!isHl7)
        {
            events.Failed(payload, "Invalid HL7 Message: the payload does not start with an MSH segment", "Invalid HL7 message format");
            return Reject(ServerOutcome.NotHl7, "not HL7", null, null);
        }

        if (!MessageRouting.IsSupported(messageType))
        {
            events.Failed(payload, $"Unsupported Message Type: Unsupported message type {messageType}", "Unsupported message type", controlId: MessageRouting.HeaderField(payload, 10));
            return Reject(ServerOutcome.UnsupportedType, "Unsupported message type", TryParseForNack(payload), new Hl7AckError(200, "Unsupported message type"), Hl7AckCode.AR);
        }

        var controlId = MessageRouting.HeaderField(payload, 10);
        events.Received(payload, controlId: controlId);
        metrics.MessageReceived();
        var message = TolerantParser.TryParse(payload, out var parseError);
        if (message is null)
        {
            var text = $"HL7 parsing error: {parseError}";
            events.Validation(payload, text, isSuccess: false, controlId: controlId);
            events.Failed(payload, text, "Invalid HL7 message format", controlId: controlId);
            return Reject(ServerOutcome.ParseError, text, TryParseForNack(payload), new Hl7AckError(102, parseError ?? "Parse error"));
        }

        controlId = message.Get("MSH-10");
        activity?.SetTag("messaging.message_id", controlId);
        foreach (var rule in _rules)
        {
            if (rule.Check(message) is { } ruleError)
            {
                var text = $"HL7 validation error: {ruleError}";
                events.Validation(payload, text, isSuccess: false, controlId: controlId);
                events.Failed(payload, text, "Invalid HL7 message format", controlId: controlId);
                return Reject(ServerOutcome.RuleFailed, text, message, new Hl7AckError(207, ruleError));
            }
        }

        events.Validation(payload, $"Valid HL7 message - Type: {messageType}", isSuccess: true, controlId: controlId);
        var correlationId = Guid.NewGuid().ToString();
        var receivedAt = time.GetUtcNow();
        var properties = TrackingProperties.Create(message, identity.WorkflowId, correlationId, receivedAt);
        var record = new StoreDraft(payload, message, correlationId, receivedAt);

        var structureDecision = await ValidateStructureAsync(message, record, controlId, cancellationToken).ConfigureAwait(false);
        if (structureDecision is not null)
        {
            return structureDecision;
        }

        if (_standard?.Validate(message) is { } standardError)
        {
            var text = $"Standard validation error: {standardError} (CorrelationId: {correlationId})";
            events.Validation(payload, text, isSuccess: false, correlationId, controlId);
            events.Failed(payload, text, "Standard HL7 validation failed", correlationId, controlId);
            return Reject(ServerOutcome.StandardInvalid, text, message, new Hl7AckError(207, standardError));
        }

        if (_standard is not null)
        {
            events.Validation(payload, $"Standard HL7 v{_standard.Version} validation passed", isSuccess: true, correlationId, controlId);
        }

        AddFlowProperties(message, properties);
        await store.StoreAsync(record.ToRecord(identity, settings), cancellationToken).ConfigureAwait(false);

        // Built before publishing, from copied text: once the broker has the message, nothing can stop the ACK.
        var ack = Hl7AckBuilder.BuildFramed(message, Hl7AckCode.AA, time.GetLocalNow().DateTime);
        try
        {
            var outgoing = new OutgoingMessage(Encoding.UTF8.GetBytes(payload))
            {
                SessionId = settings.EgressSessionId,
                MessageId = controlId.Length > 0 ? controlId : null,
                ApplicationProperties = properties,
            };
            await _egress.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
            busHealth.Succeeded();
        }
        catch (Exception ex) when (ex is BusException or TimeoutException or InvalidOperationException)
        {
            busHealth.Failed(ex);
            var text = $"Unexpected error while processing message: {ex.Message}";
            events.Failed(payload, text, "Invalid HL7 message format", correlationId, controlId);
            LogPublishFailed(logger, settings.EgressEntity, correlationId, ex.GetType().Name);
            return new ServerDecision(ServerOutcome.PublishFailed, null, text);
        }

        events.Processed(payload, "ACK generated successfully", correlationId, controlId);
        return new ServerDecision(ServerOutcome.Accepted, ack, null);
    }

    /// <summary>Lets publishes already queued finish before the link closes.</summary>
    public ValueTask DisposeAsync() => _egress.DisposeAsync();

    private async Task<ServerDecision?> ValidateStructureAsync(Hl7Message message, StoreDraft record, string controlId, CancellationToken cancellationToken)
    {
        var flow = settings.ValidationFlow;
        var payload = record.Payload;
        if (flow is not null && flow != "mpi" && structureValidation is not null)
        {
            var result = structureValidation.Validate(message);
            switch (result.Outcome)
            {
                case StructureValidationOutcome.NotConfigured:
                    var configText = $"Unexpected error while processing message: No XSD mapping for flow '{flow}': {result.Error}";
                    events.Failed(payload, configText, "Invalid HL7 message format", record.CorrelationId, controlId);
                    return new ServerDecision(ServerOutcome.StructureNotConfigured, null, configText);
                case StructureValidationOutcome.Invalid:
                    var text = $"XML validation failed for flow '{flow}': {result.Error} (CorrelationId: {record.CorrelationId})";
                    events.Validation(payload, text, isSuccess: false, record.CorrelationId, controlId);
                    events.Failed(payload, text, "XML schema validation failed", record.CorrelationId, controlId);

                    // The existing system keeps a copy of what it refused, without XML (spec §2.9).
                    await store.StoreAsync(record.ToRecord(identity, settings), cancellationToken).ConfigureAwait(false);
                    return Reject(ServerOutcome.StructureInvalid, text, message, new Hl7AckError(207, result.Error ?? "XML schema validation failed"));
                default:
                    events.Validation(payload, $"XML validation passed for flow '{flow}'", isSuccess: true, record.CorrelationId, controlId);
                    record.Xml = result.Xml;
                    return null;
            }
        }

        try
        {
            record.Xml = SchemalessXmlConverter.ToXml(message);
        }
        catch (Hl7XmlConversionException ex)
        {
            events.Validation(payload, $"Failed to generate XML payload for message store: {ex.Message}", isSuccess: false, record.CorrelationId, controlId);
        }

        return null;
    }

    private void AddFlowProperties(Hl7Message message, Dictionary<string, object?> properties)
    {
        foreach (var provider in _propertyProviders)
        {
            try
            {
                provider.AddProperties(message, properties);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPropertyProviderFailed(logger, provider.GetType().Name, ex.GetType().Name);
            }
        }
    }

    private ServerDecision Reject(ServerOutcome outcome, string reason, Hl7Message? message, Hl7AckError? error, Hl7AckCode code = Hl7AckCode.AE)
    {
        byte[]? nack = null;
        if (settings.Rejection == RejectionMode.Nack && message is not null && error is not null)
        {
            nack = Hl7AckBuilder.BuildFramed(message, code, time.GetLocalNow().DateTime, error);
        }

        return new ServerDecision(outcome, nack, reason);
    }

    private Hl7Message? TryParseForNack(string payload) =>
        settings.Rejection == RejectionMode.Nack && Hl7Message.TryParse(payload, out var message, out _) ? message : null;

    private static IEnumerable<IMessageRule> BasicRules(Hl7ServerSettings settings)
    {
        if (settings.Hl7Version is { } version)
        {
            yield return new VersionRule(version);
        }

        if (settings.SendingApps.Count > 0)
        {
            yield return new SendingAppRule(settings.SendingApps);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publish to {Entity} failed for CorrelationId {CorrelationId} ({ErrorType}); no ACK sent")]
    private static partial void LogPublishFailed(ILogger logger, string entity, string correlationId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bus property provider {Provider} failed ({ErrorType}); common properties are kept")]
    private static partial void LogPropertyProviderFailed(ILogger logger, string provider, string errorType);

    /// <summary>What the store record needs, gathered as the pipeline runs.</summary>
    private sealed class StoreDraft(string payload, Hl7Message message, string correlationId, DateTimeOffset receivedAt)
    {
        public string Payload => payload;

        public string CorrelationId => correlationId;

        public string? Xml { get; set; }

        public MessageStoreRecord ToRecord(ServiceIdentitySettings identity, Hl7ServerSettings settings) => new(
            TrackingProperties.FormatTimestamp(receivedAt),
            correlationId,
            message.Get("MSH-3(1)"),
            identity.MicroserviceId,
            identity.PeerService,
            payload,
            Xml,
            settings.EgressSessionId);
    }
}
