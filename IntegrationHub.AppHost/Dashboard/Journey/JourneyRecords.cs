namespace IntegrationHub.AppHost.Dashboard.Journey;

/// <summary>One audit event as the journey store keeps it (the audit queue's JSON body; content already redacted).</summary>
public sealed record AuditEvent(
    string? ControlId,
    string WorkflowId,
    string MicroserviceId,
    string EventType,
    DateTimeOffset Timestamp,
    string MessageContent,
    string? ValidationResult,
    string? ErrorDetails,
    string? CorrelationId);

/// <summary>A message-store record: the message as a server received it or as a sender sent it (full, unredacted).</summary>
public sealed record StoredMessage(
    string? ControlId,
    string CorrelationId,
    string ProcessingComponent,
    string SourceSystem,
    string TargetSystem,
    string ReceivedAt,
    string RawPayload);

/// <summary>One message in the recent list: its flow, when it was first and last seen, and how far it got.</summary>
public sealed record JourneySummary(string ControlId, string WorkflowId, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Events, string Status);

/// <summary>A flow's traffic over a recent window, derived from its audit events.</summary>
public sealed record FlowTraffic(string WorkflowId, double ReceivedPerSecond, double DeliveredPerSecond, int Delivered, double? LatencyP50Ms, double? LatencyP95Ms, int Failed);
